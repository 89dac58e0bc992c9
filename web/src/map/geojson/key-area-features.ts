import type { KeyArea } from '@lianfang/shared';
import { labelImageId } from '../core/label-images';
import { ringCentre } from './grid-features';
import { featureCollection, type Feature, type FeatureCollection, type Position2 } from './geojson-types';

export interface KeyAreaFeatureProps {
  [key: string]: string | number | boolean | null;
  id: string;
  overdue: boolean;
  label: string;
}

/** Key areas as outlines plus a label point; an overdue one (no patrol inside for too long) is marked. */
export function keyAreaFeatures(areas: readonly KeyArea[], overdueText: (a: KeyArea) => string): FeatureCollection<Feature['geometry'], KeyAreaFeatureProps> {
  const features: Feature<Feature['geometry'], KeyAreaFeatureProps>[] = [];
  for (const a of areas) {
    const overdue = a.overdueSince !== null;
    const props = { id: a.id, overdue, label: overdue ? labelImageId('key-area-overdue', overdueText(a)) : labelImageId('key-area', a.name) };
    const ring = a.ring.map(([lon, lat]) => [lon, lat] as Position2);
    const first = ring[0];
    if (first) ring.push([first[0], first[1]]);
    features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: props });
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: ringCentre(a.ring) }, properties: props });
  }
  return featureCollection(features);
}
