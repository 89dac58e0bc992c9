import type { Ring } from '../schemas/geo.js';

/**
 * "A fix is inside a key area" as the compliance figures count it: inside the
 * ring's bounding box, then PostgreSQL's `polygon @> point` on the ring's
 * points in order. The live path (key-area watcher) and the SQL that fills the
 * visit history from stored positions must give the same answer for every fix,
 * or the history would depend on which of them saw it; plain ray casting
 * differs from PostgreSQL within its 1e-6 tolerance of an edge, so this is the
 * PostgreSQL rule (geo_ops.c point_inside / lseg_crossing) written again.
 */
export interface RingBox {
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
}

export function ringBox(ring: Ring): RingBox {
  const box = { minLon: Infinity, maxLon: -Infinity, minLat: Infinity, maxLat: -Infinity };
  for (const [lon, lat] of ring) {
    box.minLon = Math.min(box.minLon, lon);
    box.maxLon = Math.max(box.maxLon, lon);
    box.minLat = Math.min(box.minLat, lat);
    box.maxLat = Math.max(box.maxLat, lat);
  }
  return box;
}

export function keyAreaCovers(box: RingBox, ring: Ring, lon: number, lat: number): boolean {
  if (lat < box.minLat || lat > box.maxLat || lon < box.minLon || lon > box.maxLon) return false;
  return polygonContainsPoint(ring, lon, lat);
}

// PostgreSQL's fuzzy comparisons (utils/geo_decls.h); the order of operations matters at the tolerance.
const EPSILON = 1.0e-6;
const fpZero = (a: number) => Math.abs(a) <= EPSILON;
const fpLt = (a: number, b: number) => a + EPSILON < b;
const fpLe = (a: number, b: number) => a <= b + EPSILON;
const fpGt = (a: number, b: number) => a > b + EPSILON;
const fpGe = (a: number, b: number) => a + EPSILON >= b;
const ON_EDGE = Number.MAX_SAFE_INTEGER;

/** PostgreSQL's `polygon @> point`: true inside and on the edge (within 1e-6). */
export function polygonContainsPoint(ring: Ring, lon: number, lat: number): boolean {
  if (ring.length === 0) return false;
  // Every vertex relative to the point; the sum of signed crossings of the positive x axis says inside.
  const x0 = ring[0]![0] - lon;
  const y0 = ring[0]![1] - lat;
  let prevX = x0;
  let prevY = y0;
  let total = 0;
  for (let i = 1; i < ring.length; i++) {
    const x = ring[i]![0] - lon;
    const y = ring[i]![1] - lat;
    const cross = axisCrossing(x, y, prevX, prevY);
    if (cross === ON_EDGE) return true;
    total += cross;
    prevX = x;
    prevY = y;
  }
  const closing = axisCrossing(x0, y0, prevX, prevY);
  return closing === ON_EDGE || total + closing !== 0;
}

/** ±2 for a crossing of the positive x axis, ±1 for touching it, 0 for none, ON_EDGE when the segment holds the origin. */
function axisCrossing(x: number, y: number, prevX: number, prevY: number): number {
  if (fpZero(y)) {
    if (fpZero(x)) return ON_EDGE;
    if (fpGt(x, 0)) {
      if (fpZero(prevY)) return fpGt(prevX, 0) ? 0 : ON_EDGE;
      return fpLt(prevY, 0) ? 1 : -1;
    }
    if (fpZero(prevY)) return fpLt(prevX, 0) ? 0 : ON_EDGE;
    return 0;
  }
  const ySign = fpGt(y, 0) ? 1 : -1;
  if (fpZero(prevY)) return fpLt(prevX, 0) ? 0 : ySign;
  if ((ySign < 0 && fpLt(prevY, 0)) || (ySign > 0 && fpGt(prevY, 0))) return 0;
  if (fpGe(x, 0) && fpGt(prevX, 0)) return 2 * ySign;
  if (fpLt(x, 0) && fpLe(prevX, 0)) return 0;
  const z = (x - prevX) * y - (y - prevY) * x;
  if (fpZero(z)) return ON_EDGE;
  if ((ySign < 0 && fpLt(z, 0)) || (ySign > 0 && fpGt(z, 0))) return 0;
  return 2 * ySign;
}
