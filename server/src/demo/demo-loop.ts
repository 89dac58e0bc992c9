import type { Grid, Incident, Unit } from '@lianfang/shared';
import type { RoadGraph } from '@lianfang/shared/routing/index';
import type { Queryable } from '../db/database.js';
import type { CandidateService } from '../modules/dispatch/candidate-service.js';
import type { DispatchService } from '../modules/dispatch/dispatch-service.js';
import type { EscalationService } from '../modules/incidents/escalation-service.js';
import type { LifecycleService } from '../modules/incidents/lifecycle-service.js';
import { DemoCalls } from './demo-calls.js';
import { DemoCrews, type DemoCrewSettings } from './demo-crews.js';
import { DemoDesk, type DemoDeskSettings } from './demo-desk.js';
import { demoRandom } from './demo-random.js';
import type { PatrolSimulator } from './patrol-simulator.js';

export interface DemoLoopSettings extends DemoCrewSettings, DemoDeskSettings {
  callEverySeconds: number;
  maxOpen: number;
  seed: number;
}

/** The mix a district would see in an hour or two of demo (tests turn each one to 0 or 1). */
export const DEFAULT_LOOP_SETTINGS: Omit<DemoLoopSettings, 'callEverySeconds' | 'maxOpen' | 'emergencyFactor'> = {
  missAckShare: 0.07,
  lateShare: 0.1,
  falseAlarmShare: 0.05,
  escalateShare: 0.1,
  whistleShare: 0.05,
  workMinutes: [3, 8],
  seed: 16,
};

/** The public services the demo works through, like the screens do; no table is written directly. */
export interface DemoLoopDeps {
  db: Queryable;
  picture: {
    incidents: ReadonlyMap<string, Incident>;
    units: ReadonlyMap<string, Unit>;
    grids: readonly Grid[];
    gridAt(lon: number, lat: number): Grid | null;
  };
  dispatch: Pick<DispatchService, 'dispatch' | 'setAssignmentStatus'>;
  lifecycle: Pick<LifecycleService, 'create' | 'resolve' | 'close' | 'cancel'>;
  escalation: Pick<EscalationService, 'escalate' | 'whistle' | 'reportIn'>;
  candidates: Pick<CandidateService, 'find'>;
  patrols: PatrolSimulator;
  graph: RoadGraph;
  /** unit id → tracker id of the crews the demo plays. */
  crews: ReadonlyMap<string, string>;
}

/**
 * One beat of the living demo: new calls, the desk's decisions, the crews'
 * steps, then everyone's position. `step(now)` takes the demo's clock, so a
 * test walks an incident through the loop in simulated time; `start` beats
 * once a second on the real clock. Beats never overlap.
 */
export class DemoLoop {
  readonly calls: DemoCalls;
  readonly desk: DemoDesk;
  readonly crews: DemoCrews;
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly deps: DemoLoopDeps,
    settings: DemoLoopSettings,
  ) {
    const random = demoRandom(settings.seed);
    this.calls = new DemoCalls({ ...deps, random, everySeconds: settings.callEverySeconds, maxOpen: settings.maxOpen });
    this.desk = new DemoDesk({ ...deps, random, settings });
    this.crews = new DemoCrews({ ...deps, random, settings });
  }

  async step(nowMs: number): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.calls.step(nowMs);
      await this.desk.step(nowMs);
      await this.crews.step(nowMs);
      await this.deps.patrols.tick(nowMs);
    } finally {
      this.running = false;
    }
  }

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => void this.step(Date.now()).catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
