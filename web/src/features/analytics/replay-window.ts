import type { Incident } from '@lianfang/shared';

const MINUTE = 60_000;
/** A case still open is replayed for at most this long after it was received. */
const OPEN_CASE_MS = 2 * 60 * MINUTE;

/**
 * The stretch of time worth replaying for an incident: from a few minutes before
 * it was received (where were the units when the call came?) until the last unit
 * cleared or the case was resolved/closed, plus a few minutes.
 */
export function replayWindow(incident: Incident, nowMs: number = Date.now()): { fromMs: number; toMs: number } {
  const received = Date.parse(incident.createdAt);
  const ends = [incident.milestones.resolvedAt, incident.milestones.closedAt, ...incident.assignments.map((a) => a.clearedAt ?? a.onSceneAt)]
    .filter((v): v is string => v !== null)
    .map((v) => Date.parse(v));
  const end = ends.length > 0 ? Math.max(...ends) : Math.min(nowMs, received + OPEN_CASE_MS);
  return { fromMs: received - 5 * MINUTE, toMs: Math.max(end, received + MINUTE) + 5 * MINUTE };
}

/** The units to replay: every unit sent, in the order they were sent. */
export function replayUnitIds(incident: Incident): string[] {
  return [...new Set([...incident.assignments].sort((a, b) => a.dispatchedAt.localeCompare(b.dispatchedAt)).map((a) => a.unitId))];
}
