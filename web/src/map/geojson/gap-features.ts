import type { CoverageGapSummary } from '@lianfang/shared';
import { cellsToMultiPolygon } from 'h3-js';
import { labelImageId } from '../core/label-images';
import { featureCollection, type Feature, type FeatureCollection, type Position2 } from './geojson-types';

export interface GapProps {
  [key: string]: string | number | boolean | null;
  label: string;
  areaKm2: number;
}

/**
 * Coverage gaps as they are: the cells of the jurisdiction nobody reaches within the goal,
 * merged into outlines (neighbouring hexagons become one shape), plus a label with the size at
 * the centre of each of the largest clusters.
 */
export function gapFeatures(
  gapCells: readonly string[],
  gaps: readonly CoverageGapSummary[],
  text: (g: CoverageGapSummary) => string,
): FeatureCollection<Feature['geometry'], GapProps> {
  const features: Feature<Feature['geometry'], GapProps>[] = [];
  for (const polygon of cellOutlines(gapCells)) {
    features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: polygon }, properties: { label: '', areaKm2: 0 } });
  }
  for (const g of gaps) {
    const props = { label: labelImageId('gap', text(g)), areaKm2: g.areaKm2 };
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [g.lon, g.lat] }, properties: props });
  }
  return featureCollection(features);
}

/** H3 cells merged into GeoJSON polygons ([lon, lat] rings, closed). */
export function cellOutlines(cells: readonly string[]): Position2[][][] {
  if (cells.length === 0) return [];
  return cellsToMultiPolygon([...cells], true) as Position2[][][];
}
