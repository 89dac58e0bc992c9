import { randomUUID } from 'node:crypto';
import type { Force, Incident, Task } from '@lianfang/shared';
import type { EmergencyPlan } from '@lianfang/shared';
import { rankUnitsByEta, type RoadGraph } from '@lianfang/shared/routing/index';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { LivePicture } from '../live-picture.js';
import { conflict, notFound } from '../domain-errors.js';
import { getPlan } from './plan-repository.js';
import { recordAudit } from '../audit/audit-log.js';
import type { DispatchService } from '../dispatch/dispatch-service.js';
import { appendTimeline, getIncident, insertIncident } from '../incidents/incident-repository.js';
import { NO_LOCATION_TEXT, type DescribeLocation } from '../places/describe-location.js';

/** Activating an emergency plan: a major incident, its checklist, and the requested forces sent by ETA. */
export class PlanService {
  constructor(
    private readonly bus: CommandBus,
    private readonly picture: LivePicture,
    private readonly dispatch: DispatchService,
    private readonly graph: () => Promise<RoadGraph>,
    /** Where the plan's incident is in words (the places module's reverse geocoding). */
    private readonly describe: DescribeLocation = NO_LOCATION_TEXT,
  ) {}

  async activate(planId: string, at: { lat: number; lon: number; title?: string | undefined }, actor: string): Promise<Incident> {
    let plan: EmergencyPlan | undefined;
    const { result: opened } = await this.bus.run(async (q) => {
      // Read in the transaction: the checklist is the plan's latest saved version, named in the timeline.
      plan = await getPlan(q, planId);
      if (!plan) throw notFound('plan');
      if (plan.retired) throw conflict('planId', `the plan "${plan.name['zh-CN']}" is retired; an administrator can reinstate it`);
      const now = new Date().toISOString();
      const gridId = this.picture.gridAt(at.lon, at.lat)?.id ?? null;
      const incident = await insertIncident(q, {
        id: randomUUID(),
        status: 'reported',
        category: plan.category,
        priority: 'P1',
        source: 'manual',
        title: at.title ?? plan.name['zh-CN'],
        lat: at.lat,
        lon: at.lon,
        gridId,
        locationText: this.describe(at.lat, at.lon, gridId),
        deviceId: null,
        unitId: null,
        alertCount: 0,
        createdAt: now,
        updatedAt: now,
        level: 'street',
        planId: plan.id,
      });
      for (const [i, task] of plan.tasks.entries()) {
        await q.query('INSERT INTO incident_tasks (incident_id, idx, title, owner) VALUES ($1, $2, $3, $4)', [incident.id, i, task.title, task.owner]);
      }
      await appendTimeline(q, incident.id, actor, 'plan_activated', { planId: plan.id, version: plan.version, unitMix: plan.unitMix });
      await recordAudit(q, actor, 'plan.activate', incident.id, { planId: plan.id, version: plan.version });
      const full = (await getIncident(q, incident.id))!;
      return { result: full, events: [{ type: 'incident.created' as const, incident: full }] };
    });
    const { unitIds, shortfall } = await this.chooseUnits(plan!.unitMix, at);
    if (shortfall.length > 0) {
      await this.bus.run(async (q) => {
        await appendTimeline(q, opened.id, 'system', 'plan_shortfall', { shortfall });
        return { result: undefined, events: [] };
      });
    }
    return unitIds.length > 0 ? this.dispatch.dispatch(opened.id, unitIds, actor) : opened;
  }

  async updateTask(incidentId: string, index: number, change: { state: Task['state']; owner?: string | undefined }, actor: string): Promise<Incident> {
    const { result } = await this.bus.run(async (q) => {
      const rows = await q.query(
        'UPDATE incident_tasks SET state = $3, owner = COALESCE($4, owner), updated_at = now(), updated_by = $5 WHERE incident_id = $1 AND idx = $2 RETURNING idx',
        [incidentId, index, change.state, change.owner ?? null, actor],
      );
      if (rows.length === 0) throw notFound('task');
      // A new updated_at tells every open panel to re-read its timeline (the tick shows there too).
      await q.query('UPDATE incidents SET updated_at = now() WHERE id = $1', [incidentId]);
      await appendTimeline(q, incidentId, actor, 'task_updated', { index, ...change });
      await recordAudit(q, actor, 'incident.task', incidentId, { index, ...change });
      const updated = (await getIncident(q, incidentId))!;
      return { result: updated, events: [{ type: 'incident.updated' as const, incident: updated }] };
    });
    return result;
  }

  /** Per force, the available units with a position, nearest by road first; what is missing is reported, not invented. */
  private async chooseUnits(
    mix: Partial<Record<Force, number>>,
    at: { lat: number; lon: number },
  ): Promise<{ unitIds: string[]; shortfall: { force: Force; wanted: number; got: number }[] }> {
    const graph = await this.graph();
    const unitIds: string[] = [];
    const shortfall: { force: Force; wanted: number; got: number }[] = [];
    for (const [force, wanted] of Object.entries(mix) as [Force, number][]) {
      const pool = [...this.picture.units.values()].filter((u) => u.force === force && u.status === 'available' && u.position);
      const ranked = rankUnitsByEta(
        graph,
        at,
        pool.map((u) => ({ id: u.id, lat: u.position!.lat, lon: u.position!.lon, mode: u.mode })),
        { maxSeconds: 3600 },
      );
      const chosen = ranked.slice(0, wanted).map((r) => r.unitId);
      unitIds.push(...chosen);
      if (chosen.length < wanted) shortfall.push({ force, wanted, got: chosen.length });
    }
    return { unitIds, shortfall };
  }
}
