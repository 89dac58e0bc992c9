import { judgeOnSceneClaim } from '@lianfang/shared';
import type { LivePicture } from '../live-picture.js';
import { DomainError, notFound } from '../domain-errors.js';

/** What the timeline keeps about a captain's on scene: how far the tablet was, and whether they confirmed a far claim. */
export interface OnSceneClaimRecord {
  distanceM: number | null;
  confirmedFar: boolean;
}

/**
 * A captain's "on scene" is believed when the unit's own shared position is within `radiusM` of the
 * incident. Farther (or with no recent position) it is refused unless the captain confirmed it: a
 * tap from the station 2 km away must not stop the arrival clock. Refusals name the field to set
 * (`confirmFar`) and the distance, so the tablet can ask and a person reading the log understands.
 */
export function checkOnSceneClaim(
  picture: Pick<LivePicture, 'units' | 'incidents'>,
  incidentId: string,
  unitId: string,
  radiusM: number,
  confirmFar: boolean,
  nowMs = Date.now(),
): OnSceneClaimRecord {
  const incident = picture.incidents.get(incidentId);
  if (!incident) throw notFound('open incident');
  const position = picture.units.get(unitId)?.position ?? null;
  const at = position ? (position.flags.includes('clock_skew') ? position.serverTime : position.deviceTime) : null;
  const claim = judgeOnSceneClaim(position && at ? { lat: position.lat, lon: position.lon, at } : null, incident, radiusM, nowMs);
  if (claim.kind === 'near') return { distanceM: claim.distanceM, confirmedFar: false };
  const distanceM = claim.kind === 'far' ? claim.distanceM : null;
  if (confirmFar) return { distanceM, confirmedFar: true };
  throw new DomainError(
    'conflict',
    claim.kind === 'far'
      ? `confirmFar: on scene refused: the unit's position is ${distanceM} m from the incident (more than ${radiusM} m); confirm to record it anyway`
      : `confirmFar: on scene refused: the unit has no recent position to judge by; confirm to record it anyway`,
    'confirmFar',
  );
}
