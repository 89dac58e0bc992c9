import type { Bounds } from './data-bounds';

/** About 1 km either way: the streets around an incident when no unit is on it yet. */
const MIN_HALF_SPAN = 0.01;

/**
 * The box that puts an incident in the middle of the map with every given unit inside:
 * symmetric about the incident (each unit is mirrored), so fitting it centres the incident
 * exactly instead of the middle of the units.
 */
export function incidentFocusBounds(at: { lon: number; lat: number }, units: Iterable<readonly [number, number]>): Bounds {
  let dLon = MIN_HALF_SPAN;
  let dLat = MIN_HALF_SPAN;
  for (const [lon, lat] of units) {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
    dLon = Math.max(dLon, Math.abs(lon - at.lon));
    dLat = Math.max(dLat, Math.abs(lat - at.lat));
  }
  return [at.lon - dLon, at.lat - dLat, at.lon + dLon, at.lat + dLat];
}
