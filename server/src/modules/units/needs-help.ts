import type { DomainEvent } from '@lianfang/shared';
import { unitStatusForAssignment, type AssignmentStatus } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { UNIT_COLUMNS, setUnitStatus, toUnit, type UnitRow } from './unit-repository.js';

/**
 * An SOS: the unit needs help until `incidentId` (the incident its SOS opened or joined)
 * resolves or is cancelled. While it does, it is never a candidate and no assignment change
 * moves its status (setUnitStatus). Null when there is no such unit.
 */
export async function markNeedsHelp(q: Queryable, unitId: string, incidentId: string): Promise<DomainEvent | null> {
  const [row] = await q.query<UnitRow>(`UPDATE units SET status = 'needs_help', help_incident_id = $2 WHERE id = $1 RETURNING ${UNIT_COLUMNS}`, [
    unitId,
    incidentId,
  ]);
  return row ? { type: 'unit.updated', unit: toUnit(row) } : null;
}

/**
 * The incident ended (resolved, cancelled, false alarm): every unit whose SOS it answered is
 * back to what its assignments say, available when it has none.
 */
export async function clearNeedsHelp(q: Queryable, incidentId: string): Promise<DomainEvent[]> {
  const rows = await q.query<{ id: string }>(`UPDATE units SET help_incident_id = NULL WHERE help_incident_id = $1 RETURNING id`, [incidentId]);
  const events: DomainEvent[] = [];
  for (const { id } of rows) {
    const [active] = await q.query<{ status: AssignmentStatus }>(
      `SELECT status FROM incident_units WHERE unit_id = $1 AND status IN ('dispatched','acknowledged','en_route','on_scene') ORDER BY dispatched_at DESC LIMIT 1`,
      [id],
    );
    const unit = await setUnitStatus(q, id, active ? unitStatusForAssignment(active.status) : 'available');
    if (unit) events.push({ type: 'unit.updated', unit });
  }
  return events;
}
