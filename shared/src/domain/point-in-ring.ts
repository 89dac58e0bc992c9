import type { Ring } from '../schemas/geo.js';

/** Ray casting on [lon, lat] rings; grids are small enough that planar math is exact enough. */
export function pointInRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    const crosses = a[1] > lat !== b[1] > lat && lon < ((b[0] - a[0]) * (lat - a[1])) / (b[1] - a[1]) + a[0];
    if (crosses) inside = !inside;
  }
  return inside;
}

/** Lower is more local: the grid beats its community, which beats its street. */
export const AREA_LEVEL_RANK = { grid: 0, community: 1, street: 2 } as const;

/**
 * The most local area containing the point: an incident starts at its grid and
 * only climbs the ladder later, so the lowest level wins.
 */
export function findContainingArea<T extends { level: keyof typeof AREA_LEVEL_RANK; ring: Ring }>(lon: number, lat: number, areas: readonly T[]): T | null {
  let best: T | null = null;
  for (const area of areas) {
    if (!pointInRing(lon, lat, area.ring)) continue;
    if (!best || AREA_LEVEL_RANK[area.level] < AREA_LEVEL_RANK[best.level]) best = area;
  }
  return best;
}

/** Great-circle distance in metres (haversine). */
export function distanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}
