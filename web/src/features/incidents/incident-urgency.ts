import type { Incident, IncidentStatus, Priority } from '@lianfang/shared';

/** Past this an incident's timer turns red on the wall. */
export const OVERDUE_MS = 5 * 60_000;

const PRIORITY_RANK: Record<Priority, number> = { P1: 0, P2: 1, P3: 2, P4: 3 };

// Nobody has taken it yet > taken but not moving > moving > there.
const STATUS_RANK: Partial<Record<IncidentStatus, number>> = {
  reported: 0,
  dispatched: 1,
  acknowledged: 2,
  en_route: 3,
  on_scene: 4,
};

/** Queue order: priority first, then the least handled, then whoever has waited longest. */
export function compareByUrgency(a: Incident, b: Incident): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    (STATUS_RANK[a.status] ?? 9) - (STATUS_RANK[b.status] ?? 9) ||
    Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

export function elapsedMs(incident: Incident, now: number): number {
  return now - Date.parse(incident.createdAt);
}

export function isOverdue(incident: Incident, now: number): boolean {
  return elapsedMs(incident, now) > OVERDUE_MS;
}
