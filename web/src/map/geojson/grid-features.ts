import type { Grid, Ring } from '@lianfang/shared';
import { labelImageId, type LabelStyle } from '../core/label-images';
import { featureCollection, type Feature, type FeatureCollection, type Position2 } from './geojson-types';

export interface GridFeatureProps {
  [key: string]: string | number | boolean | null;
  id: string;
  level: string;
  label: string;
}

const LABEL_STYLE: Record<Grid['level'], LabelStyle> = { street: 'grid-street', community: 'grid-community', grid: 'grid-grid' };

/** Each grid as an outline polygon plus a label point at its centre (one source, filtered by geometry type). */
export function gridFeatures(grids: readonly Grid[]): FeatureCollection<Feature['geometry'], GridFeatureProps> {
  const features: Feature<Feature['geometry'], GridFeatureProps>[] = [];
  for (const g of grids) {
    const props = { id: g.id, level: g.level, label: labelImageId(LABEL_STYLE[g.level], g.name) };
    features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [closed(g.ring)] }, properties: props });
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: ringCentre(g.ring) }, properties: props });
  }
  return featureCollection(features);
}

function closed(ring: Ring): Position2[] {
  const points = ring.map(([lon, lat]) => [lon, lat] as Position2);
  const first = points[0];
  const last = points[points.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) points.push([first[0], first[1]]);
  return points;
}

/** Area-weighted centroid of the ring (falls back to the vertex mean for degenerate rings). */
export function ringCentre(ring: Ring): Position2 {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[(i + 1) % ring.length]!;
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (Math.abs(area) < 1e-12) {
    const n = ring.length || 1;
    return [ring.reduce((s, p) => s + p[0], 0) / n, ring.reduce((s, p) => s + p[1], 0) / n];
  }
  return [cx / (3 * area), cy / (3 * area)];
}
