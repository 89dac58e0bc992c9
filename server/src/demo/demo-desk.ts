import type { Department, Incident, IncidentCategory, Unit } from '@lianfang/shared';
import type { Queryable } from '../db/database.js';
import type { CandidateService } from '../modules/dispatch/candidate-service.js';
import type { DispatchService } from '../modules/dispatch/dispatch-service.js';
import type { EscalationService } from '../modules/incidents/escalation-service.js';
import type { LifecycleService } from '../modules/incidents/lifecycle-service.js';
import { DEMO_CASES, RATINGS } from './demo-cases.js';
import { DEMO_CREW, DEMO_OPERATOR } from './demo-history-plan.js';
import { between, pickWeighted } from './demo-random.js';

export interface DemoDeskSettings {
  /** Share of cases the crew finds to be a false alarm. */
  falseAlarmShare: number;
  /** Share of cases lifted one level up the ladder while on scene. */
  escalateShare: number;
  /** Share of cases where the street office blows the whistle and a department reports in. */
  whistleShare: number;
  /** Minutes a crew works on scene before the case is resolved, [min, max]. */
  workMinutes: readonly [number, number];
}

export interface DemoDeskDeps {
  db: Queryable;
  picture: { incidents: ReadonlyMap<string, Incident>; units: ReadonlyMap<string, Unit> };
  dispatch: Pick<DispatchService, 'dispatch'>;
  lifecycle: Pick<LifecycleService, 'resolve' | 'close' | 'cancel'>;
  escalation: Pick<EscalationService, 'escalate' | 'whistle' | 'reportIn'>;
  candidates: Pick<CandidateService, 'find'>;
  crews: ReadonlyMap<string, string>;
  random: () => number;
  settings: DemoDeskSettings;
}

interface DeskPlan {
  dispatchAtMs: number;
  ending: 'resolve' | 'false_alarm';
  escalate: boolean;
  whistle: boolean;
  workMs: number;
  onSceneSinceMs: number | null;
  escalated: boolean;
  whistled: boolean;
  reportInAtMs: number | null;
}

const S = 1000;
const MIN = 60 * S;
const WHISTLE_DEPARTMENT: Partial<Record<IncidentCategory, Department>> = {
  fire: 'fire',
  medical: 'medical',
  dispute: 'housing',
  public_health: 'market_supervision',
  production_safety: 'emergency_mgmt',
  natural_disaster: 'emergency_mgmt',
  traffic: 'police',
};

/**
 * The operator's side of the demo: takes the cases nobody at the desk has
 * touched, sends a fitting unit after a believable processing time, sends the
 * replacement when a crew stays silent, sometimes escalates or blows the
 * whistle, has the crew resolve after its work on scene (or report a false
 * alarm), and evaluates the case a little later. Every step is a command by
 * `demo:operator` (or `demo:crew` for the crew's report, `demo:department` for
 * a report-in). A case a person has acted on (any timeline entry by `user:…`)
 * is the person's from then on: the desk does nothing more with it, while the
 * demo's crews still acknowledge and drive when that person dispatches them.
 */
export class DemoDesk {
  private readonly plans = new Map<string, DeskPlan>();
  private readonly personal = new Set<string>();
  private readonly toClose = new Map<string, number>();
  private resumed = false;

  constructor(private readonly deps: DemoDeskDeps) {}

  /** Incidents a person has worked on (not left to the demo). */
  isPersonal(incidentId: string): boolean {
    return this.personal.has(incidentId);
  }

  async step(nowMs: number): Promise<void> {
    if (!this.resumed) await this.resume(nowMs);
    const open = [...this.deps.picture.incidents.values()];
    await this.notePersonal(open.map((i) => i.id).filter((id) => !this.personal.has(id)));
    for (const incident of open) {
      if (this.personal.has(incident.id)) {
        this.plans.delete(incident.id);
        continue;
      }
      await this.work(incident, this.planFor(incident, nowMs), nowMs).catch(() => undefined);
    }
    for (const id of this.plans.keys()) if (!this.deps.picture.incidents.has(id)) this.plans.delete(id);
    for (const [id, atMs] of this.toClose) {
      if (nowMs < atMs) continue;
      this.toClose.delete(id);
      const rating = pickWeighted(this.deps.random, RATINGS);
      await this.deps.lifecycle.close(id, { rating }, DEMO_OPERATOR).catch(() => undefined);
    }
  }

  /**
   * After a restart: live cases the demo's crew resolved and nobody evaluated yet (not the
   * past's, whose few unevaluated cases are meant to stay so) are evaluated as they would have been.
   */
  private async resume(nowMs: number): Promise<void> {
    const rows = await this.deps.db.query<{ id: string }>(
      `SELECT i.id FROM incidents i
        WHERE i.status = 'resolved' AND NOT i.demo
          AND EXISTS (SELECT 1 FROM incident_events e WHERE e.incident_id = i.id AND e.kind = 'resolved' AND e.actor = $1)
          AND NOT EXISTS (SELECT 1 FROM incident_events e WHERE e.incident_id = i.id AND e.actor LIKE 'user:%')`,
      [DEMO_CREW],
    );
    this.resumed = true;
    for (const r of rows) this.toClose.set(r.id, nowMs + between(this.deps.random, 30, 120) * S);
  }

  private async notePersonal(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const rows = await this.deps.db.query<{ incident_id: string }>(
      "SELECT DISTINCT incident_id FROM incident_events WHERE incident_id = ANY($1::text[]) AND actor LIKE 'user:%'",
      [ids],
    );
    for (const r of rows) this.personal.add(r.incident_id);
  }

  private planFor(incident: Incident, nowMs: number): DeskPlan {
    let plan = this.plans.get(incident.id);
    if (plan) return plan;
    const { random, settings } = this.deps;
    const urgent = incident.priority === 'P1' || incident.priority === 'P2';
    plan = {
      // Processing time from when the desk first sees the call: quick for urgent calls.
      dispatchAtMs: Math.max(nowMs, Date.parse(incident.createdAt)) + between(random, urgent ? 8 : 20, urgent ? 25 : 60) * S,
      ending: random() < settings.falseAlarmShare ? 'false_alarm' : 'resolve',
      escalate: random() < settings.escalateShare,
      whistle: random() < settings.whistleShare,
      workMs: between(random, settings.workMinutes[0], settings.workMinutes[1]) * MIN,
      onSceneSinceMs: null,
      escalated: false,
      whistled: false,
      reportInAtMs: null,
    };
    this.plans.set(incident.id, plan);
    return plan;
  }

  private async work(incident: Incident, plan: DeskPlan, nowMs: number): Promise<void> {
    if (incident.status === 'reported' && incident.assignments.length === 0) {
      if (nowMs >= plan.dispatchAtMs) await this.send(incident, new Set());
      return;
    }
    await this.replaceSilent(incident);
    if (incident.status !== 'on_scene') return;
    plan.onSceneSinceMs ??= nowMs;
    const onSceneMs = nowMs - plan.onSceneSinceMs;
    if (plan.ending === 'false_alarm') {
      if (onSceneMs >= 90 * S) await this.deps.lifecycle.cancel(incident.id, { as: 'false_alarm', note: '现场核实为误报' }, DEMO_OPERATOR);
      return;
    }
    if (plan.escalate && !plan.escalated && onSceneMs >= MIN) {
      plan.escalated = true;
      await this.deps.escalation.escalate(incident.id, '现场需上级协调', DEMO_OPERATOR);
    }
    if (plan.whistle && !plan.whistled && onSceneMs >= MIN) {
      plan.whistled = true;
      await this.deps.escalation.whistle(incident.id, [WHISTLE_DEPARTMENT[incident.category] ?? 'city_mgmt'], 15, DEMO_OPERATOR);
      plan.reportInAtMs = nowMs + between(this.deps.random, 1, 4) * MIN;
    }
    if (plan.reportInAtMs !== null && nowMs >= plan.reportInAtMs) {
      plan.reportInAtMs = null;
      for (const c of incident.callIns.filter((x) => x.reportedAt === null)) await this.deps.escalation.reportIn(incident.id, c.department, 'demo:department');
    }
    // A case that called in a department waits for it before it can be resolved.
    if (onSceneMs < plan.workMs || incident.callIns.some((c) => c.reportedAt === null)) return;
    const kase = DEMO_CASES.find((c) => c.category === incident.category);
    const outcome = kase ? pickWeighted(this.deps.random, kase.outcomes) : 'solved_on_site';
    await this.deps.lifecycle.resolve(incident.id, { outcome, settledLevel: incident.level }, DEMO_CREW);
    this.toClose.set(incident.id, nowMs + between(this.deps.random, 30, 120) * S);
  }

  /** The acknowledgement timeout offered a replacement (or none): the desk sends it, or the next fitting unit. */
  private async replaceSilent(incident: Incident): Promise<void> {
    const silent = incident.assignments.filter((a) => a.status === 'dispatched' && a.ackTimeoutAt !== null);
    if (silent.length === 0) return;
    const sent = new Set(incident.assignments.map((a) => a.unitId));
    const live = incident.assignments.some((a) => a.status !== 'dispatched' && a.status !== 'cleared' && a.status !== 'declined');
    const pending = incident.assignments.some((a) => a.status === 'dispatched' && a.ackTimeoutAt === null);
    if (live || pending) return;
    const offered = silent.map((a) => a.replacementUnitId).find((id): id is string => !!id && !sent.has(id) && this.deps.crews.has(id));
    if (offered && this.deps.picture.units.get(offered)?.status === 'available') {
      await this.deps.dispatch.dispatch(incident.id, [offered], DEMO_OPERATOR);
      return;
    }
    await this.send(incident, sent);
  }

  /** The nearest available demo crew of a force that answers this kind of case, else the nearest one at all. */
  private async send(incident: Incident, exclude: ReadonlySet<string>): Promise<void> {
    const reply = await this.deps.candidates.find({ lat: incident.lat, lon: incident.lon }, { limit: 20 });
    const pool = reply.candidates.filter((c) => c.available && c.etaSeconds !== null && this.deps.crews.has(c.unitId) && !exclude.has(c.unitId));
    const forces = DEMO_CASES.find((c) => c.category === incident.category)?.forces ?? [];
    const pick = forces.map((f) => pool.find((c) => c.force === f)).find((c) => c !== undefined) ?? pool[0];
    if (pick) await this.deps.dispatch.dispatch(incident.id, [pick.unitId], DEMO_OPERATOR);
  }
}
