import { distanceM } from './point-in-ring.js';

/**
 * How far a captain who says "on scene" may be from the incident before the claim needs an explicit
 * confirmation. Generous against GPS error in a street canyon (tens of metres), tight enough that a
 * tap from the station 2 km away is caught. The server's ON_SCENE_RADIUS_M overrides it.
 */
export const DEFAULT_ON_SCENE_CLAIM_RADIUS_M = 150;
/** A position older than this does not say where the unit is now (the ETA's stale rule). */
export const ON_SCENE_CLAIM_MAX_FIX_AGE_S = 120;

export type OnSceneClaim =
  /** the unit's own position is within the radius: on scene is accepted as it is */
  | { kind: 'near'; distanceM: number }
  /** the position is farther: only a confirmed claim is accepted */
  | { kind: 'far'; distanceM: number }
  /** no recent position to judge by: only a confirmed claim is accepted */
  | { kind: 'unknown' };

/**
 * Judges a captain's "on scene" by the unit's shared position. Same rule on the tablet (which
 * asks for the confirmation) and on the server (which refuses an unconfirmed far claim).
 */
export function judgeOnSceneClaim(
  position: { lat: number; lon: number; at: string | number } | null,
  incident: { lat: number; lon: number },
  radiusM: number,
  nowMs: number,
): OnSceneClaim {
  if (!position) return { kind: 'unknown' };
  const taken = typeof position.at === 'number' ? position.at : Date.parse(position.at);
  if (!Number.isFinite(taken) || nowMs - taken > ON_SCENE_CLAIM_MAX_FIX_AGE_S * 1000) return { kind: 'unknown' };
  const d = Math.round(distanceM(position.lat, position.lon, incident.lat, incident.lon));
  return d <= radiusM ? { kind: 'near', distanceM: d } : { kind: 'far', distanceM: d };
}
