import type { Incident } from '@lianfang/shared';
import { isOpenIncident, nextLevel, type Department } from '@lianfang/shared';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { LivePicture } from '../live-picture.js';
import { DomainError, notFound } from '../domain-errors.js';
import { recordAudit } from '../audit/audit-log.js';
import { appendTimeline, getIncident } from './incident-repository.js';
import type { Notifier } from './notifier.js';

/** Default time a summoned department has to report in. */
const CALL_IN_MINUTES = 15;

/**
 * Up the ladder (grid → community → street office → departments) on breach, on
 * request or by category, notifying each level's contacts; and the street
 * office's whistle, which summons departments that must report in.
 */
export class EscalationService {
  constructor(
    private readonly bus: CommandBus,
    private readonly picture: LivePicture,
    private readonly notifier: Notifier,
  ) {}

  async escalate(id: string, reason: string, actor: string): Promise<Incident> {
    const { result } = await this.bus.run(async (q) => {
      const incident = await this.openIncident(q, id);
      const to = nextLevel(incident.level);
      if (!to) throw new DomainError('conflict', 'level: already at the top of the ladder', 'level');
      await q.query('UPDATE incidents SET level = $2, updated_at = now() WHERE id = $1', [id, to]);
      await appendTimeline(q, id, actor, 'escalated', { from: incident.level, to, reason });
      await recordAudit(q, actor, 'incident.escalate', id, { from: incident.level, to, reason });
      const updated = (await getIncident(q, id))!;
      return { result: updated, events: [{ type: 'incident.updated' as const, incident: updated }] };
    });
    await this.notifier.notify({ incident: result, level: result.level, contacts: this.contactsFor(result), reason }).catch(() => {});
    return result;
  }

  async whistle(id: string, departments: Department[], minutes: number | undefined, actor: string): Promise<Incident> {
    const { result } = await this.bus.run(async (q) => {
      const incident = await this.openIncident(q, id);
      // Blowing the whistle is the street office's call: it lifts the case there if it was lower.
      if (incident.level === 'grid' || incident.level === 'community') await q.query("UPDATE incidents SET level = 'street' WHERE id = $1", [id]);
      // A new updated_at makes every open panel re-read the timeline (the whistle is on it).
      await q.query('UPDATE incidents SET updated_at = now() WHERE id = $1', [id]);
      for (const department of departments) {
        await q.query(
          `INSERT INTO call_ins (incident_id, department, summoned_at, deadline) VALUES ($1, $2, now(), now() + make_interval(mins => $3))
           ON CONFLICT (incident_id, department) DO UPDATE SET summoned_at = now(), deadline = now() + make_interval(mins => $3), reported_at = NULL, reported_by = NULL, escalated_at = NULL`,
          [id, department, minutes ?? CALL_IN_MINUTES],
        );
      }
      await appendTimeline(q, id, actor, 'whistle', { departments, minutes: minutes ?? CALL_IN_MINUTES });
      await recordAudit(q, actor, 'incident.whistle', id, { departments });
      const updated = (await getIncident(q, id))!;
      return { result: updated, events: [{ type: 'incident.updated' as const, incident: updated }] };
    });
    await this.notifier.notify({ incident: result, level: 'department', contacts: [], reason: `call-in: ${departments.join(', ')}` }).catch(() => {});
    return result;
  }

  async reportIn(id: string, department: Department, actor: string): Promise<Incident> {
    const { result } = await this.bus.run(async (q) => {
      const rows = await q.query(
        'UPDATE call_ins SET reported_at = now(), reported_by = $3 WHERE incident_id = $1 AND department = $2 AND reported_at IS NULL RETURNING department',
        [id, department, actor],
      );
      if (rows.length === 0) throw new DomainError('conflict', `department: ${department} was not summoned or has already reported in`, 'department');
      await q.query('UPDATE incidents SET updated_at = now() WHERE id = $1', [id]);
      await appendTimeline(q, id, actor, 'reported_in', { department });
      await recordAudit(q, actor, 'incident.report_in', id, { department });
      const updated = (await getIncident(q, id))!;
      return { result: updated, events: [{ type: 'incident.updated' as const, incident: updated }] };
    });
    return result;
  }

  private async openIncident(q: Parameters<Parameters<CommandBus['run']>[0]>[0], id: string): Promise<Incident> {
    const incident = await getIncident(q, id);
    if (!incident) throw notFound('incident');
    if (!isOpenIncident(incident.status)) throw new DomainError('conflict', `status: incident is ${incident.status}`, 'status');
    return incident;
  }

  /** The contacts of the incident's grid chain at the level it has reached. */
  private contactsFor(incident: Incident) {
    let area = this.picture.grids.find((g) => g.id === incident.gridId);
    const wanted = incident.level === 'department' ? 'street' : incident.level;
    while (area && area.level !== wanted) area = this.picture.grids.find((g) => g.id === area!.parentId);
    return area?.contacts ?? [];
  }
}
