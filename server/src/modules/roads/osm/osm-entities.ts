/** What the OSM readers hand to their visitor: just enough for road routing. */
export type OsmTags = Readonly<Record<string, string>>;

export interface OsmWay {
  readonly id: number;
  readonly refs: readonly number[];
  readonly tags: OsmTags;
}

export interface OsmRelationMember {
  readonly type: 'node' | 'way' | 'relation';
  readonly ref: number;
  readonly role: string;
}

export interface OsmRelation {
  readonly id: number;
  readonly tags: OsmTags;
  readonly members: readonly OsmRelationMember[];
}

/**
 * Callbacks for a single pass over a file. Routing needs only `node` and `way`: node tags
 * and relations are decoded only for a visitor that asks for them (the basemap's POIs,
 * multipolygons and boundaries), so the road import pays nothing for them.
 */
export interface OsmVisitor {
  node?(id: number, lat: number, lon: number): void;
  /** A node that has tags, after `node` was called for it. */
  taggedNode?(id: number, lat: number, lon: number, tags: OsmTags): void;
  way?(way: OsmWay): void;
  relation?(relation: OsmRelation): void;
}

export interface OsmReadStats {
  nodes: number;
  ways: number;
  relations: number;
}
