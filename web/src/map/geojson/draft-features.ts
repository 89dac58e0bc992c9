import type { GridFeature, StationFeature } from '@lianfang/shared';
import { labelImageId } from '../core/label-images';
import { featureCollection, type Feature, type FeatureCollection, type Position2 } from './geojson-types';
import { ringCentre } from './grid-features';

export interface DraftFeatureProps {
  [key: string]: string | number | boolean | null;
  /** street | community | station */
  what: string;
  label: string;
}

/** A geography draft's grids (outline + a label at the centre) and stations (a point with its name), in one source. */
export function draftFeatures(grids: readonly GridFeature[], stations: readonly StationFeature[]): FeatureCollection<Feature['geometry'], DraftFeatureProps> {
  const features: Feature<Feature['geometry'], DraftFeatureProps>[] = [];
  for (const g of grids) {
    const ring = g.geometry.coordinates[0]!;
    const props = { what: g.properties.level, label: labelImageId('draft', g.properties.name) };
    features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring.map(([lon, lat]): Position2 => [lon, lat])] }, properties: props });
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: ringCentre(ring) }, properties: props });
  }
  for (const s of stations) {
    const [lon, lat] = s.geometry.coordinates;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: { what: 'station', label: labelImageId('draft', s.properties.name) },
    });
  }
  return featureCollection(features);
}
