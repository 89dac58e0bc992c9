import type { CoverageGapSummary } from '@lianfang/shared';
import { labelImageId } from '../core/label-images';
import { circleRing } from './circle-ring';
import { featureCollection, type Feature, type FeatureCollection } from './geojson-types';

export interface GapProps {
  [key: string]: string | number | boolean | null;
  label: string;
  areaKm2: number;
}

/**
 * Coverage gaps (clusters nobody reaches within 15 minutes) as a circle of the same
 * area around the cluster's centre, plus a label point with the size.
 */
export function gapFeatures(gaps: readonly CoverageGapSummary[], text: (g: CoverageGapSummary) => string): FeatureCollection<Feature['geometry'], GapProps> {
  const features: Feature<Feature['geometry'], GapProps>[] = [];
  for (const g of gaps) {
    const props = { label: labelImageId('gap', text(g)), areaKm2: g.areaKm2 };
    const radiusM = Math.sqrt((g.areaKm2 * 1_000_000) / Math.PI);
    features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [circleRing(g.lon, g.lat, radiusM)] }, properties: props });
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [g.lon, g.lat] }, properties: props });
  }
  return featureCollection(features);
}
