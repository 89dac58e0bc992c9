import { pointInRing, type GridFeature, type GridLevel, type Ring } from '@lianfang/shared';
import { polygon } from '@turf/helpers';
import { simplify } from '@turf/simplify';
import { rewind } from '../../roads/basemap/multipolygon-rings.js';

/** The schema's cap on a ring (RingSchema): a finer border is simplified until it fits. */
const MAX_RING_POINTS = 5000;
const NAME_MAX = 80;

export type Box = readonly [minLon: number, minLat: number, maxLon: number, maxLat: number];

export function boxOf(ring: Ring): Box {
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of ring) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  return [minLon, minLat, maxLon, maxLat];
}

export const boxesOverlap = (a: Box, b: Box): boolean => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** How many of the points ([lon, lat, …]) lie inside the ring (its box first: most points are far away). */
export function pointsInside(ring: Ring, box: Box, points: readonly number[]): number {
  let n = 0;
  for (let i = 0; i < points.length; i += 2) if (containsPoint(ring, box, points[i]!, points[i + 1]!)) n++;
  return n;
}

export const containsPoint = (ring: Ring, box: Box, lon: number, lat: number): boolean =>
  lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3] && pointInRing(lon, lat, ring);

/** At most `max` points of the list, evenly spread, so that coverage checks stay cheap on a big extract. */
export function samplePoints(points: readonly number[], max: number): number[] {
  const count = points.length / 2;
  if (count <= max) return [...points];
  const out: number[] = [];
  const step = count / max;
  for (let k = 0; k < max; k++) {
    const i = Math.floor(k * step) * 2;
    out.push(points[i]!, points[i + 1]!);
  }
  return out;
}

/** Counter-clockwise (RFC 7946), closed, and within the schema's point cap. */
export function importableRing(ring: [number, number][]): Ring {
  let shape = rewind([...ring], true);
  for (let tolerance = 1e-5; shape.length > MAX_RING_POINTS; tolerance *= 2) {
    shape = simplify(polygon([ring]), { tolerance, highQuality: true }).geometry.coordinates[0] as [number, number][];
  }
  return shape;
}

export function gridFeature(code: string, name: string, level: GridLevel, parentCode: string | null, ring: Ring): GridFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [ring] },
    properties: { code, name: name.slice(0, NAME_MAX), level, parentCode },
  };
}
