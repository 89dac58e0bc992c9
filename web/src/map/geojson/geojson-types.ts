/**
 * The GeoJSON shapes our layers build (RFC 7946 subset). Declared here because
 * the `geojson` type package is only a transitive dependency of maplibre-gl.
 */
export type Position2 = [number, number];

export type Geometry =
  | { type: 'Point'; coordinates: Position2 }
  | { type: 'LineString'; coordinates: Position2[] }
  | { type: 'MultiLineString'; coordinates: Position2[][] }
  | { type: 'Polygon'; coordinates: Position2[][] };

export type FeatureProperties = Record<string, string | number | boolean | null>;

export interface Feature<G extends Geometry = Geometry, P extends FeatureProperties = FeatureProperties> {
  type: 'Feature';
  id?: string | number;
  geometry: G;
  properties: P;
}

export interface FeatureCollection<G extends Geometry = Geometry, P extends FeatureProperties = FeatureProperties> {
  type: 'FeatureCollection';
  features: Feature<G, P>[];
}

export function featureCollection<G extends Geometry, P extends FeatureProperties>(features: Feature<G, P>[]): FeatureCollection<G, P> {
  return { type: 'FeatureCollection', features };
}
