import type { DomainEvent, Incident, Unit } from '@lianfang/shared';
import { incidentStatusFor, unitStatusForAssignment, type AssignmentStatus } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { setUnitStatus } from '../units/unit-repository.js';
import { getIncident } from './incident-repository.js';

/**
 * After any change to an incident's units: carry the first-milestone times up
 * from the assignments (they never move once set) and derive the incident's
 * status from its most advanced unit. Returns the incident as now stored.
 */
export async function refreshIncident(q: Queryable, id: string): Promise<Incident> {
  await q.query(
    `UPDATE incidents i SET
       dispatched_at = COALESCE(i.dispatched_at, a.d), acknowledged_at = COALESCE(i.acknowledged_at, a.k),
       en_route_at = COALESCE(i.en_route_at, a.e), on_scene_at = COALESCE(i.on_scene_at, a.o), updated_at = now()
     FROM (SELECT min(dispatched_at) d, min(acknowledged_at) k, min(en_route_at) e, min(on_scene_at) o FROM incident_units WHERE incident_id = $1) a
     WHERE i.id = $1`,
    [id],
  );
  const incident = (await getIncident(q, id))!;
  const status = incidentStatusFor(incident.status, incident.assignments);
  if (status === incident.status) return incident;
  await q.query('UPDATE incidents SET status = $2 WHERE id = $1', [id, status]);
  return { ...incident, status };
}

/** A unit's board status follows its assignment; returns the event for screens. */
export async function syncUnitStatus(q: Queryable, unitId: string, assignment: AssignmentStatus): Promise<DomainEvent> {
  const unit = (await setUnitStatus(q, unitId, unitStatusForAssignment(assignment))) as Unit;
  return { type: 'unit.updated', unit };
}

/** Every active unit of an incident stands down (resolved, cancelled): cleared, and available again. */
export async function clearAllUnits(q: Queryable, incidentId: string): Promise<DomainEvent[]> {
  const rows = await q.query<{ unit_id: string }>(
    `UPDATE incident_units SET status = 'cleared', cleared_at = now()
     WHERE incident_id = $1 AND status IN ('dispatched','acknowledged','en_route','on_scene') RETURNING unit_id`,
    [incidentId],
  );
  const events: DomainEvent[] = [];
  for (const r of rows) events.push(await syncUnitStatus(q, r.unit_id, 'cleared'));
  return events;
}
