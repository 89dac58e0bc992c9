import type { Incident } from '@lianfang/shared';
import { DEFAULT_TARGETS, callInsToEscalate, incidentMilestones, nextLevel, responseClock } from '@lianfang/shared';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { LivePicture } from '../live-picture.js';
import { ClockedCheck } from '../../pipeline/clocked-check.js';
import { recordAudit } from '../audit/audit-log.js';
import { appendTimeline, getIncident } from './incident-repository.js';

/**
 * Once a second, every open incident against its targets. A breach is written
 * once (`… IS NULL` in the update: with several instances only the first one
 * records it and emits the event) and an arrival breach climbs the ladder.
 */
export class ClockWatcher extends ClockedCheck {
  constructor(
    private readonly bus: CommandBus,
    private readonly picture: LivePicture,
  ) {
    super();
  }

  protected async checkAt(nowMs: number): Promise<void> {
    for (const incident of [...this.picture.incidents.values()]) {
      // the clocks run from the call's receipt (the intake form opened), as the phases do
      const clock = responseClock(incidentMilestones(incident), DEFAULT_TARGETS[incident.priority], nowMs);
      if (clock.ack === 'breached' && !incident.milestones.ackBreachedAt && !incident.milestones.acknowledgedAt) await this.recordBreach(incident, 'ack');
      if (clock.arrival === 'breached' && !incident.milestones.arrivalBreachedAt && !incident.milestones.onSceneAt)
        await this.recordBreach(incident, 'arrival');
      const late = callInsToEscalate(incident.callIns, nowMs);
      if (late.length > 0)
        await this.escalateLateCallIns(
          incident,
          late.map((c) => c.department),
        );
    }
  }

  /**
   * A summoned department that did not report in by its deadline lifts the case to the
   * departments' level ONCE: `escalated_at IS NULL` in the same update claims it (with several
   * instances only the first one writes), and the wall keeps it red with "escalated at …" until
   * the department reports in. It used to push the deadline on and fire again every period, which
   * flooded the timeline with nothing new on screen.
   */
  private async escalateLateCallIns(incident: Incident, departments: string[]): Promise<void> {
    await this.bus.run(async (q) => {
      const rows = await q.query<{ department: string }>(
        `UPDATE call_ins SET escalated_at = now()
         WHERE incident_id = $1 AND department = ANY($2::text[]) AND reported_at IS NULL AND escalated_at IS NULL AND deadline < now() RETURNING department`,
        [incident.id, departments],
      );
      if (rows.length === 0) return { result: undefined, events: [] };
      const late = rows.map((r) => r.department);
      await appendTimeline(q, incident.id, 'system', 'call_in_overdue', { departments: late });
      await q.query('UPDATE incidents SET updated_at = now() WHERE id = $1', [incident.id]);
      if (incident.level !== 'department') {
        await q.query("UPDATE incidents SET level = 'department' WHERE id = $1", [incident.id]);
        await appendTimeline(q, incident.id, 'system', 'escalated', { from: incident.level, to: 'department', reason: 'call-in not reported' });
        await recordAudit(q, 'system', 'incident.escalate', incident.id, {
          from: incident.level,
          to: 'department',
          reason: 'call-in not reported',
          departments: late,
        });
      }
      const updated = (await getIncident(q, incident.id))!;
      return { result: undefined, events: [{ type: 'incident.updated' as const, incident: updated }] };
    });
  }

  private async recordBreach(incident: Incident, which: 'ack' | 'arrival'): Promise<void> {
    await this.bus.run(async (q) => {
      const column = which === 'ack' ? 'ack_breached_at' : 'arrival_breached_at';
      const rows = await q.query(`UPDATE incidents SET ${column} = now(), updated_at = now() WHERE id = $1 AND ${column} IS NULL RETURNING id`, [incident.id]);
      if (rows.length === 0) return { result: undefined, events: [] };
      await appendTimeline(q, incident.id, 'system', `${which}_target_breached`, { priority: incident.priority });
      const up = which === 'arrival' ? nextLevel(incident.level) : null;
      if (up && up !== 'department') {
        await q.query('UPDATE incidents SET level = $2 WHERE id = $1', [incident.id, up]);
        await appendTimeline(q, incident.id, 'system', 'escalated', { from: incident.level, to: up, reason: 'arrival target breached' });
        await recordAudit(q, 'system', 'incident.escalate', incident.id, { from: incident.level, to: up, reason: 'arrival target breached' });
      }
      const updated = (await getIncident(q, incident.id))!;
      return { result: undefined, events: [{ type: 'incident.updated' as const, incident: updated }] };
    });
  }
}
