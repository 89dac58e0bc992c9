import type { DomainEvent, Incident } from '@lianfang/shared';
import { canAssignmentTransition, isOpenIncident, type AssignmentStatus } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { DomainError, notFound } from '../domain-errors.js';
import { recordAudit } from '../audit/audit-log.js';
import { getUnit } from '../units/unit-repository.js';
import { appendTimeline, getIncident } from '../incidents/incident-repository.js';
import { refreshIncident, syncUnitStatus } from '../incidents/incident-progress.js';

const ACTIVE = ['dispatched', 'acknowledged', 'en_route', 'on_scene'];

/** Sending units and following each one through acknowledged → en route → on scene → cleared. */
export class DispatchService {
  constructor(
    private readonly bus: CommandBus,
    /** ACK_TIMEOUT_SECONDS: an acknowledgement told within it withdraws a timeout written before the report got through */
    private readonly ackLimitSeconds = 60,
  ) {}

  async dispatch(incidentId: string, unitIds: string[], actor: string): Promise<Incident> {
    const { result } = await this.bus.run(async (q) => {
      const incident = await getIncident(q, incidentId);
      if (!incident) throw notFound('incident');
      if (!isOpenIncident(incident.status)) throw new DomainError('conflict', `incident is ${incident.status}; only open incidents take units`, 'status');
      const events: DomainEvent[] = [];
      for (const unitId of unitIds) {
        const unit = await getUnit(q, unitId);
        if (!unit) throw new DomainError('unprocessable', `unitIds: no unit ${unitId}`, 'unitIds');
        if (unit.status === 'off_duty') throw new DomainError('conflict', `unitIds: ${unit.callsign} is off duty`, 'unitIds');
        if (unit.status === 'needs_help') throw new DomainError('conflict', `unitIds: ${unit.callsign} raised an SOS and needs help itself`, 'unitIds');
        const [busy] = await q.query<{ incident_id: string }>(`SELECT incident_id FROM incident_units WHERE unit_id = $1 AND status = ANY($2::text[])`, [
          unitId,
          ACTIVE,
        ]);
        if (busy) throw new DomainError('conflict', `unitIds: ${unit.callsign} is already on incident ${busy.incident_id}`, 'unitIds');
        // A unit re-sent after clearing or declining gets a fresh assignment and clock.
        await q.query(
          `INSERT INTO incident_units (incident_id, unit_id, status, dispatched_at) VALUES ($1, $2, 'dispatched', now())
           ON CONFLICT (incident_id, unit_id) DO UPDATE SET status = 'dispatched', dispatched_at = now(), acknowledged_at = NULL, en_route_at = NULL, on_scene_at = NULL, cleared_at = NULL, ack_timeout_at = NULL, replacement_unit_id = NULL`,
          [incidentId, unitId],
        );
        await appendTimeline(q, incidentId, actor, 'unit_dispatched', { unitId, callsign: unit.callsign });
        await recordAudit(q, actor, 'incident.dispatch', incidentId, { unitId });
        events.push(await syncUnitStatus(q, unitId, 'dispatched'));
      }
      const updated = await refreshIncident(q, incidentId);
      return { result: updated, events: [{ type: 'incident.updated' as const, incident: updated }, ...events] };
    });
    return result;
  }

  /**
   * A unit's own progress: from its captain's tablet, from the wall, or detected automatically.
   * `details` go on the timeline: a decline's reason (also kept on the assignment), and for a
   * captain's on scene how far the tablet was and whether a far claim was confirmed.
   */
  async setAssignmentStatus(
    incidentId: string,
    unitId: string,
    to: Exclude<AssignmentStatus, 'dispatched'>,
    actor: string,
    at?: string,
    details: { reason?: string; distanceM?: number | null; confirmedFar?: boolean } = {},
  ): Promise<Incident> {
    const { result } = await this.bus.run(async (q) => {
      const [row] = await q.query<{ status: AssignmentStatus }>('SELECT status FROM incident_units WHERE incident_id = $1 AND unit_id = $2', [
        incidentId,
        unitId,
      ]);
      if (!row) throw new DomainError('conflict', 'status: this unit was never dispatched to this incident', 'status');
      if (!canAssignmentTransition(row.status, to)) throw new DomainError('conflict', `status: cannot go from ${row.status} to ${to}`, 'status');
      // A time sent by an offline tablet is kept, within reason: never in the future, never before dispatch.
      const when = at && Date.parse(at) <= Date.now() ? at : new Date().toISOString();
      const column = { acknowledged: 'acknowledged_at', en_route: 'en_route_at', on_scene: 'on_scene_at', cleared: 'cleared_at', declined: 'cleared_at' }[to];
      const sets = ['status = $3', `${column} = GREATEST($4::timestamptz, dispatched_at)`];
      // Moving or arriving implies the dispatch was heard.
      if (to === 'en_route' || to === 'on_scene') sets.push('acknowledged_at = COALESCE(acknowledged_at, GREATEST($4::timestamptz, dispatched_at))');
      const params: unknown[] = [incidentId, unitId, to, when];
      if (to === 'declined') {
        params.push(details.reason ?? null);
        sets.push(`decline_reason = $${params.length}`);
      }
      await q.query(`UPDATE incident_units SET ${sets.join(', ')} WHERE incident_id = $1 AND unit_id = $2`, params);
      const told = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
      await appendTimeline(q, incidentId, actor, `unit_${to}`, { unitId, at: when, ...told });
      await recordAudit(q, actor, 'incident.unit_status', incidentId, { unitId, status: to, at: when, ...told });
      await this.withdrawWrongAckTimeout(q, incidentId, unitId);
      const unitEvent = await syncUnitStatus(q, unitId, to);
      const updated = await refreshIncident(q, incidentId);
      return { result: updated, events: [{ type: 'incident.updated' as const, incident: updated }, unitEvent] };
    });
    return result;
  }

  /**
   * The timeout watcher writes "not acknowledged" the second the limit passes with nothing
   * reported; an acknowledgement that arrives later but was made in time (an offline tablet's
   * queued report) shows the timeout was wrong: it is withdrawn with a timeline line, and the
   * replacement suggestion with it (a replacement already sent stays: it is an assignment of its own).
   */
  private async withdrawWrongAckTimeout(q: Queryable, incidentId: string, unitId: string): Promise<void> {
    const [row] = await q.query<{ timed_out_at: Date; acknowledged_at: Date }>(
      `WITH old AS (SELECT ack_timeout_at FROM incident_units WHERE incident_id = $1 AND unit_id = $2)
       UPDATE incident_units a SET ack_timeout_at = NULL, replacement_unit_id = NULL FROM old
       WHERE a.incident_id = $1 AND a.unit_id = $2 AND a.ack_timeout_at IS NOT NULL
         AND a.acknowledged_at <= a.dispatched_at + make_interval(secs => $3)
       RETURNING old.ack_timeout_at AS timed_out_at, a.acknowledged_at`,
      [incidentId, unitId, this.ackLimitSeconds],
    );
    if (!row) return;
    await appendTimeline(q, incidentId, 'system', 'ack_timeout_withdrawn', {
      unitId,
      timedOutAt: new Date(row.timed_out_at).toISOString(),
      acknowledgedAt: new Date(row.acknowledged_at).toISOString(),
    });
  }
}
