/** What the OSM readers hand to their visitor: just enough for road routing. */
export type OsmTags = Readonly<Record<string, string>>;

export interface OsmWay {
  readonly id: number;
  readonly refs: readonly number[];
  readonly tags: OsmTags;
}

/**
 * Callbacks for a single pass over a file. Node tags are not decoded (barriers and
 * traffic signals are not modelled); relations are skipped (turn restrictions are not modelled).
 */
export interface OsmVisitor {
  node?(id: number, lat: number, lon: number): void;
  way?(way: OsmWay): void;
}

export interface OsmReadStats {
  nodes: number;
  ways: number;
  relations: number;
}
