/** What the OSM readers hand to their visitor: just enough for road routing. */
export type OsmTags = Readonly<Record<string, string>>;

export interface OsmWay {
  readonly id: number;
  readonly refs: readonly number[];
  readonly tags: OsmTags;
}

/**
 * Callbacks for a single pass over a file. Node tags are decoded only for a visitor that
 * asks for them (`taggedNode`: the place index's POIs and addresses); the road import does
 * not, so its pass stays as fast as before. Relations are skipped (turn restrictions are not modelled).
 */
export interface OsmVisitor {
  node?(id: number, lat: number, lon: number): void;
  /** A node that has at least one tag, after `node` was called for it. */
  taggedNode?(id: number, lat: number, lon: number, tags: OsmTags): void;
  way?(way: OsmWay): void;
}

export interface OsmReadStats {
  nodes: number;
  ways: number;
  relations: number;
}
