import type { Ring } from '../schemas/geo.js';
import { pointInRing } from './point-in-ring.js';

/**
 * A key area (school gate, night market, bank street) must see a patrol every
 * `everyMinutes` during its hours. Hours are local "HH:MM" and may wrap midnight
 * ("20:00"–"06:00" = nights); equal start and end mean round the clock.
 */
export interface KeyAreaRule {
  ring: Ring;
  everyMinutes: number;
  from: string;
  to: string;
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

export function isWatchedAt(rule: Pick<KeyAreaRule, 'from' | 'to'>, localMinutes: number): boolean {
  const from = minutesOf(rule.from);
  const to = minutesOf(rule.to);
  if (from === to) return true;
  return from < to ? localMinutes >= from && localMinutes < to : localMinutes >= from || localMinutes < to;
}

/** Latest time any fix in `track` (time-ordered or not) was inside the area. */
export function lastVisit(rule: Pick<KeyAreaRule, 'ring'>, track: readonly { lat: number; lon: number; atMs: number }[]): number | null {
  let last: number | null = null;
  for (const p of track) if (pointInRing(p.lon, p.lat, rule.ring) && (last === null || p.atMs > last)) last = p.atMs;
  return last;
}

/**
 * Overdue when the area is watched now and no unit has been inside for longer
 * than allowed. The watch starts counting at the later of the last visit and the
 * start of the current watch window, so a night-only area is not "overdue" at 20:01.
 */
export function isOverdue(rule: KeyAreaRule, lastVisitMs: number | null, nowMs: number, localMinutesNow: number): boolean {
  if (!isWatchedAt(rule, localMinutesNow)) return false;
  const from = minutesOf(rule.from);
  const sinceWindowStart = (localMinutesNow - from + 1440) % 1440;
  const windowStartMs = minutesOf(rule.from) === minutesOf(rule.to) ? Number.NEGATIVE_INFINITY : nowMs - sinceWindowStart * 60_000;
  const reference = Math.max(lastVisitMs ?? Number.NEGATIVE_INFINITY, windowStartMs);
  if (!Number.isFinite(reference)) return true;
  return nowMs - reference > rule.everyMinutes * 60_000;
}
