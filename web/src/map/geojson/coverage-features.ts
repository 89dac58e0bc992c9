import type { Coverage } from '@lianfang/shared';
import { cellToBoundary } from 'h3-js';
import { featureCollection, type Feature, type FeatureCollection, type Position2 } from './geojson-types';

/** Band colours, shared by the map layer and its legend. */
export const COVERAGE_COLORS = { within5: '#30d158', within15: '#ff9f0a' } as const;

/** The two response bands the control room talks about: P1/P2 arrival target and the coverage limit. */
export type CoverageBand = 'within5' | 'within15';

export interface CoverageCellProps {
  [key: string]: string | number | boolean | null;
  minutes: number;
  band: CoverageBand;
}

/** Each covered H3 cell as a hexagon with its minutes-to-reach and band; uncovered cells are simply absent. */
export function coverageFeatures(coverage: Coverage | null): FeatureCollection<Feature['geometry'], CoverageCellProps> {
  if (!coverage) return featureCollection([]);
  const features: Feature<Feature['geometry'], CoverageCellProps>[] = [];
  for (const [cell, minutes] of coverage.cells) {
    // cellToBoundary(…, true) gives [lng, lat] pairs, closed ring as GeoJSON wants it.
    const ring = cellToBoundary(cell, true) as Position2[];
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ring] },
      properties: { minutes, band: minutes <= 5 ? 'within5' : 'within15' },
    });
  }
  return featureCollection(features);
}
