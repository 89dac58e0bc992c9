/**
 * The basemap's vector-tile layers and the zooms they are cut for. One place, so the tile
 * builder, the style and the docs agree on names.
 */
export const BASEMAP_MIN_ZOOM = 10;
/** Tiles are cut up to here; MapLibre overzooms them above. */
export const BASEMAP_MAX_ZOOM = 16;

export const BASEMAP_LAYERS = ['water', 'landuse', 'waterway', 'building', 'railway', 'boundary', 'roads', 'poi', 'place'] as const;
export type BasemapLayer = (typeof BASEMAP_LAYERS)[number];

export type BasemapProperties = Record<string, string | number | boolean>;

export type BasemapGeometry =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'LineString'; coordinates: [number, number][] }
  | { type: 'Polygon'; coordinates: [number, number][][] }
  | { type: 'MultiPolygon'; coordinates: [number, number][][][] };

export interface BasemapFeature {
  readonly layer: BasemapLayer;
  /** The first zoom whose tiles carry this feature (small streets and shops only close up). */
  readonly minzoom: number;
  readonly properties: BasemapProperties;
  readonly geometry: BasemapGeometry;
}

/** Everything a basemap is cut from, plus where it is (west, south, east, north). */
export interface BasemapSource {
  readonly features: BasemapFeature[];
  readonly bounds: [number, number, number, number];
  /** Whether the features come from OpenStreetMap (then the map must say so: ODbL). */
  readonly openStreetMap: boolean;
}

/** (west, south, east, north) of one geometry. */
export function geometryBounds(g: BasemapGeometry): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: [number, number]): void => {
    if (c[0] < box[0]) box[0] = c[0];
    if (c[0] > box[2]) box[2] = c[0];
    if (c[1] < box[1]) box[1] = c[1];
    if (c[1] > box[3]) box[3] = c[1];
  };
  if (g.type === 'Point') visit(g.coordinates);
  else if (g.type === 'LineString') g.coordinates.forEach(visit);
  else if (g.type === 'Polygon') g.coordinates.forEach((ring) => ring.forEach(visit));
  else g.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(visit)));
  return box;
}

/**
 * Where the basemap is: the bounds of its streets (the road network's bounds), else of its
 * other features. Not of everything: a district's boundary relation, a river or a forest
 * multipolygon often runs far outside a clipped extract, and tiles are cut only inside these
 * bounds. A small box around (0, 0) when there are no features at all, never NaN.
 */
export function featureBounds(all: readonly BasemapFeature[]): [number, number, number, number] {
  const roads = all.filter((f) => f.layer === 'roads');
  const inner = roads.length > 0 ? roads : all.filter((f) => f.layer !== 'boundary');
  const features = inner.length > 0 ? inner : all;
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) {
    const b = geometryBounds(f.geometry);
    box[0] = Math.min(box[0], b[0]);
    box[1] = Math.min(box[1], b[1]);
    box[2] = Math.max(box[2], b[2]);
    box[3] = Math.max(box[3], b[3]);
  }
  return Number.isFinite(box[0]) ? box : [-0.01, -0.01, 0.01, 0.01];
}
