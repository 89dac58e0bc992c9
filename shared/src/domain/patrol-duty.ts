import type { PatrolPlan } from '../schemas/patrol-plan.js';
import { isWatchedAt } from './key-area-watch.js';
import { distanceM } from './point-in-ring.js';

/** Consecutive fixes away from the post before it counts: one bad fix is not a desertion. */
export const DEVIATION_FIXES = 3;

/**
 * The shift a moment belongs to, as the local date the shift started: a night
 * shift 20:00–06:00 seen at 02:00 belongs to the previous evening's date.
 */
export function shiftKeyAt(plan: Pick<PatrolPlan, 'from' | 'to'>, localDate: string, localMinutes: number, previousDate: string): string | null {
  if (!isWatchedAt(plan, localMinutes)) return null;
  const [fh, fm] = plan.from.split(':').map(Number);
  const from = (fh ?? 0) * 60 + (fm ?? 0);
  return localMinutes >= from ? localDate : previousDate;
}

/** Next deviation counter for a fixed post, and whether the unit is now away. */
export function nextDeviation(
  count: number,
  fix: { lat: number; lon: number },
  post: NonNullable<PatrolPlan['post']>,
): { count: number; away: boolean; back: boolean } {
  const outside = distanceM(fix.lat, fix.lon, post.lat, post.lon) > post.radiusM;
  const next = outside ? count + 1 : 0;
  return { count: next, away: next >= DEVIATION_FIXES, back: !outside };
}

/** Indexes of checkpoints this fix checks in (inside their radius and not yet checked in this shift). */
export function checkpointsReached(plan: Pick<PatrolPlan, 'checkpoints'>, fix: { lat: number; lon: number }): number[] {
  const reached: number[] = [];
  plan.checkpoints.forEach((c, i) => {
    if (!c.checkedInAt && distanceM(fix.lat, fix.lon, c.lat, c.lon) <= c.radiusM) reached.push(i);
  });
  return reached;
}
