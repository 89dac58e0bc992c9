/** Mean Earth radius used by haversine (IUGG). */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres. */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Equirectangular projection around a reference latitude: metres east/north of the origin.
 * Accurate to well under 1 % across a city or a small country, and cheap enough for
 * the snapping inner loop.
 */
export interface LocalProjection {
  readonly originLat: number;
  readonly originLon: number;
  readonly metresPerDegLat: number;
  readonly metresPerDegLon: number;
}

export function localProjection(originLat: number, originLon: number): LocalProjection {
  const metresPerDegLat = EARTH_RADIUS_M * RAD;
  return { originLat, originLon, metresPerDegLat, metresPerDegLon: metresPerDegLat * Math.cos(originLat * RAD) };
}

export function projectX(p: LocalProjection, lon: number): number {
  return (lon - p.originLon) * p.metresPerDegLon;
}

export function projectY(p: LocalProjection, lat: number): number {
  return (lat - p.originLat) * p.metresPerDegLat;
}

export function unprojectLat(p: LocalProjection, y: number): number {
  return p.originLat + y / p.metresPerDegLat;
}

export function unprojectLon(p: LocalProjection, x: number): number {
  return p.originLon + x / p.metresPerDegLon;
}

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}
