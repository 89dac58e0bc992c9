import type { Assignment, Incident, Unit } from '@lianfang/shared';
import { routePath, type RoadGraph } from '@lianfang/shared/routing/index';
import type { DispatchService } from '../modules/dispatch/dispatch-service.js';
import type { PatrolSimulator } from './patrol-simulator.js';
import { DEMO_CREW } from './demo-history-plan.js';
import { between } from './demo-random.js';

export interface DemoCrewSettings {
  /** Share of dispatches a crew never acknowledges (the acknowledgement timeout and its replacement show). */
  missAckShare: number;
  /** Share of runs slowed right down (traffic, a wrong turn): most of them breach the five minutes. */
  lateShare: number;
  emergencyFactor: number;
}

export interface DemoCrewDeps {
  picture: { incidents: ReadonlyMap<string, Incident>; units: ReadonlyMap<string, Unit> };
  dispatch: Pick<DispatchService, 'setAssignmentStatus'>;
  patrols: PatrolSimulator;
  graph: RoadGraph;
  /** unit id → tracker id of the crews the demo plays (never a unit a person has on a tablet). */
  crews: ReadonlyMap<string, string>;
  random: () => number;
  settings: DemoCrewSettings;
}

/** What a crew intends to do next on one assignment, and when (demo clock, ms). */
interface CrewPlan {
  silent: boolean;
  ackAtMs: number;
  enRouteAtMs: number | null;
  /** When it got to the scene (the geofence should mark it; the crew presses the button if it has not). */
  arrivedAtMs: number | null;
}

const S = 1000;

/**
 * The crews' side of the loop, as a real crew works its radio or tablet: on a
 * dispatch, acknowledge after a few seconds, set off a few seconds later and
 * drive the fastest road route; the position reports (through /ingest/osmand)
 * put the unit on scene by the geofence, and the crew reports it by hand if
 * the geofence has not. Every step is a command with the actor `demo:crew`.
 * Crews answer any dispatch, the operator's as well as the demo's, because a
 * crew does not know who sent it; ending the case is the desk's (DemoDesk).
 */
export class DemoCrews {
  private readonly plans = new Map<string, CrewPlan>();

  constructor(private readonly deps: DemoCrewDeps) {}

  async step(nowMs: number): Promise<void> {
    const seen = new Set<string>();
    for (const incident of [...this.deps.picture.incidents.values()]) {
      for (const a of incident.assignments) {
        const trackerId = this.deps.crews.get(a.unitId);
        if (!trackerId) continue;
        const key = `${incident.id}:${a.unitId}`;
        seen.add(key);
        await this.advance(incident, a, trackerId, key, nowMs).catch(() => undefined);
      }
    }
    // Assignments that ended (cleared, declined, the incident closed): the crew goes back on patrol.
    for (const [key, plan] of this.plans) {
      if (seen.has(key) && !this.ended(key)) continue;
      this.plans.delete(key);
      const trackerId = this.deps.crews.get(key.slice(key.indexOf(':') + 1));
      if (trackerId && plan.enRouteAtMs !== null && !this.busyElsewhere(trackerId, key)) this.deps.patrols.release(trackerId);
    }
  }

  private ended(key: string): boolean {
    const [incidentId, unitId] = key.split(':') as [string, string];
    const a = this.deps.picture.incidents.get(incidentId)?.assignments.find((x) => x.unitId === unitId);
    return !a || a.status === 'cleared' || a.status === 'declined';
  }

  private busyElsewhere(trackerId: string, key: string): boolean {
    for (const [other, plan] of this.plans)
      if (other !== key && plan.enRouteAtMs !== null && this.deps.crews.get(other.slice(other.indexOf(':') + 1)) === trackerId) return true;
    return false;
  }

  private async advance(incident: Incident, a: Assignment, trackerId: string, key: string, nowMs: number): Promise<void> {
    if (a.status === 'cleared' || a.status === 'declined') return;
    const { random, settings, dispatch, patrols } = this.deps;
    let plan = this.plans.get(key);
    if (!plan) {
      plan = { silent: random() < settings.missAckShare, ackAtMs: nowMs + between(random, 4, 20) * S, enRouteAtMs: null, arrivedAtMs: null };
      this.plans.set(key, plan);
    }
    if (a.status === 'dispatched') {
      if (plan.silent || nowMs < plan.ackAtMs) return;
      await dispatch.setAssignmentStatus(incident.id, a.unitId, 'acknowledged', DEMO_CREW);
      plan.enRouteAtMs = nowMs + between(random, 3, 15) * S;
      return;
    }
    if (a.status === 'acknowledged') {
      if (plan.enRouteAtMs === null) plan.enRouteAtMs = nowMs;
      if (nowMs < plan.enRouteAtMs) return;
      this.setOff(incident, a.unitId, trackerId, nowMs);
      await dispatch.setAssignmentStatus(incident.id, a.unitId, 'en_route', DEMO_CREW);
      return;
    }
    if (a.status === 'en_route') {
      // Sent en route by someone else (the desk, from the radio): the crew still has to drive.
      if (plan.enRouteAtMs === null) {
        plan.enRouteAtMs = nowMs;
        this.setOff(incident, a.unitId, trackerId, nowMs);
      }
      if (!patrols.arrived(trackerId, nowMs)) return;
      plan.arrivedAtMs ??= nowMs;
      // Three fixes at the scene let the geofence mark it; after that the crew says so itself.
      if (nowMs - plan.arrivedAtMs >= 8 * S) await dispatch.setAssignmentStatus(incident.id, a.unitId, 'on_scene', DEMO_CREW);
    }
  }

  /** The fastest route to the scene for this unit's mode, then the last metres on foot; a late run crawls. */
  private setOff(incident: Incident, unitId: string, trackerId: string, nowMs: number): void {
    const { patrols, graph, random, settings } = this.deps;
    const unit = this.deps.picture.units.get(unitId);
    const from = patrols.positionOf(trackerId);
    if (!unit || !from) return;
    const path = routePath(graph, from, incident, { mode: unit.mode, emergencyFactor: settings.emergencyFactor, snapRadiusM: 2000, maxSeconds: 7200 });
    if (!path) return;
    const last = path.points[path.points.length - 1]!;
    const walkSeconds = Math.hypot((incident.lat - last.lat) * 111_320, (incident.lon - last.lon) * 111_320 * Math.cos((last.lat * Math.PI) / 180)) / 1.4;
    const withWalk = {
      points: [...path.points, { lat: incident.lat, lon: incident.lon, seconds: path.seconds + walkSeconds }],
      seconds: path.seconds + walkSeconds,
      meters: path.meters + walkSeconds * 1.4,
    };
    patrols.drive(trackerId, withWalk, nowMs, random() < settings.lateShare ? between(random, 0.15, 0.3) : between(random, 0.8, 1));
  }
}
