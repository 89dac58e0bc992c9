import type { Role } from '@lianfang/shared';
import type { LivePicture } from '../live-picture.js';
import { badRequest } from '../domain-errors.js';
import { checkOnSceneClaim } from './on-scene-claim-check.js';

/**
 * The rules a captain's own progress report must meet, beyond the state machine: a decline says
 * why, and an on scene is believed by the tablet's position or confirmed (checkOnSceneClaim).
 * The control room enters what a radio unit tells it and is trusted as it is.
 * Returns what the timeline should keep about the step.
 */
export function captainProgressDetails(
  picture: Pick<LivePicture, 'units' | 'incidents'>,
  onSceneRadiusM: number,
  role: Role,
  target: { incidentId: string; unitId: string },
  body: { status: string; reason?: string; confirmFar?: boolean },
): { reason?: string; distanceM?: number | null; confirmedFar?: boolean } {
  const reason = body.reason?.trim();
  if (body.status === 'declined' && role === 'captain' && !reason) throw badRequest('reason', 'say why the unit declines');
  if (body.status === 'on_scene' && role === 'captain')
    return checkOnSceneClaim(picture, target.incidentId, target.unitId, onSceneRadiusM, body.confirmFar === true);
  return body.status === 'declined' && reason ? { reason } : {};
}
