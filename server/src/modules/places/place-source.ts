/**
 * What the place index is built from, as read from the OSM extract: plain data (no class
 * instances) so that it can be cached as JSON next to the road graph and read back as is.
 */
export interface NamedLine {
  readonly name: string;
  readonly nameEn: string | null;
  /** 0 = most important (motorway) … higher = smaller road: which street of a crossing is named first */
  readonly rank: number;
  /** [lon, lat, lon, lat, …] of one OSM way */
  readonly coords: number[];
  /** the OSM node ids of `coords`, to find where streets of different names meet */
  readonly nodeIds: number[];
}

export interface StreetSource {
  readonly name: string;
  readonly nameEn: string | null;
  readonly rank: number;
  /** each way of the street as [lon, lat, …] */
  readonly lines: number[][];
}

export interface PointSource {
  readonly name: string;
  readonly nameEn: string | null;
  readonly lat: number;
  readonly lon: number;
}

export interface CrossingSource extends PointSource {
  /** the two streets, most important first */
  readonly streets: readonly [string, string];
}

export interface PlaceSource {
  readonly streets: StreetSource[];
  readonly crossings: CrossingSource[];
  readonly pois: PointSource[];
  readonly addresses: PointSource[];
}

export const EMPTY_PLACE_SOURCE: PlaceSource = { streets: [], crossings: [], pois: [], addresses: [] };
