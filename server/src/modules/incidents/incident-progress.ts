import type { DomainEvent, Incident, Unit } from '@lianfang/shared';
import { incidentStatusFor, unitStatusForAssignment, type AssignmentStatus } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { setUnitStatus } from '../units/unit-repository.js';
import { withdrawWrongBreaches } from './breach-review.js';
import { appendTimeline, getIncident } from './incident-repository.js';

const MILESTONES = [
  ['dispatched_at', 'dispatched'],
  ['acknowledged_at', 'acknowledged'],
  ['en_route_at', 'enRoute'],
  ['on_scene_at', 'onScene'],
] as const;

/**
 * After any change to an incident's units: its first times become the minimum over
 * its units (firstMilestones in shared/), so a late report with an earlier time
 * corrects the record instead of being ignored; each correction goes on the timeline
 * with both times. A breach the corrected times show to be wrong is withdrawn
 * (breach-review.ts). Then the incident's status follows its most advanced unit.
 * Returns the incident as now stored.
 */
export async function refreshIncident(q: Queryable, id: string): Promise<Incident> {
  // LEAST ignores NULLs: a first time is set by the first report and lowered by any earlier one.
  const [row] = await q.query<Record<string, Date | string | null>>(
    `WITH old AS (SELECT dispatched_at, acknowledged_at, en_route_at, on_scene_at FROM incidents WHERE id = $1)
     UPDATE incidents i SET
       dispatched_at = LEAST(i.dispatched_at, a.d), acknowledged_at = LEAST(i.acknowledged_at, a.k),
       en_route_at = LEAST(i.en_route_at, a.e), on_scene_at = LEAST(i.on_scene_at, a.o), updated_at = now()
     FROM (SELECT min(dispatched_at) d, min(acknowledged_at) k, min(en_route_at) e, min(on_scene_at) o FROM incident_units WHERE incident_id = $1) a, old
     WHERE i.id = $1
     RETURNING ${MILESTONES.map(([c]) => `old.${c} AS "old_${c}", i.${c} AS "new_${c}"`).join(', ')}`,
    [id],
  );
  if (row)
    for (const [column, milestone] of MILESTONES) {
      const before = row[`old_${column}`] ?? null;
      const after = row[`new_${column}`] ?? null;
      if (before !== null && after !== null && msOf(after) < msOf(before))
        await appendTimeline(q, id, 'system', 'milestone_corrected', { milestone, from: isoOf(before), to: isoOf(after) });
    }
  let incident = (await getIncident(q, id))!;
  if (await withdrawWrongBreaches(q, incident)) incident = (await getIncident(q, id))!;
  const status = incidentStatusFor(incident.status, incident.assignments);
  if (status === incident.status) return incident;
  await q.query('UPDATE incidents SET status = $2 WHERE id = $1', [id, status]);
  return { ...incident, status };
}

// Both drivers return timestamptz as Date; a string is parsed (never String(date): it drops the milliseconds).
const msOf = (value: Date | string): number => (value instanceof Date ? value.getTime() : Date.parse(value));
const isoOf = (value: Date | string): string => new Date(msOf(value)).toISOString();

/** A unit's board status follows its assignment; returns the event for screens. */
export async function syncUnitStatus(q: Queryable, unitId: string, assignment: AssignmentStatus): Promise<DomainEvent> {
  const unit = (await setUnitStatus(q, unitId, unitStatusForAssignment(assignment))) as Unit;
  return { type: 'unit.updated', unit };
}

/**
 * Every active unit of an incident stands down (resolved, cancelled): cleared, and available
 * again. `at` is the told time of a resolve queued on an offline tablet: the units were cleared
 * then, not when the report got through (time on scene is a measure), but never before their own
 * last step.
 */
export async function clearAllUnits(q: Queryable, incidentId: string, at?: string): Promise<DomainEvent[]> {
  const rows = await q.query<{ unit_id: string }>(
    `UPDATE incident_units SET status = 'cleared',
       cleared_at = GREATEST(COALESCE($2::timestamptz, now()), dispatched_at, acknowledged_at, en_route_at, on_scene_at)
     WHERE incident_id = $1 AND status IN ('dispatched','acknowledged','en_route','on_scene') RETURNING unit_id`,
    [incidentId, at ?? null],
  );
  const events: DomainEvent[] = [];
  for (const r of rows) events.push(await syncUnitStatus(q, r.unit_id, 'cleared'));
  return events;
}
