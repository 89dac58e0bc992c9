import type { DomainEvent, IncidentAdvice, LogEntry } from '@lianfang/shared';
import { snapToRoad } from '@lianfang/shared/routing/index';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { LivePicture } from '../live-picture.js';
import type { RoadNetwork } from '../roads/road-network.js';
import { rankCandidates, type LocatedUnit } from './candidate-ranking.js';
import { adviceFor, eligibleFor, isMaterialChange, needsAdvice } from './incident-advice.js';
import type { PublisherLease } from './publisher-lease.js';

export interface AdviceSettings {
  /** The beat: positions move ETAs and time moves deadlines without any event saying so. */
  intervalMs: number;
  emergencyFactor: number;
}

/** A burst of status changes (a dispatch of three units) becomes one recompute. */
const KICK_DELAY_MS = 250;
const MIN_GAP_MS = 1000;

/**
 * Predicted best ETA per open incident nobody has reached, published as `incident.advice`
 * through the command bus (so it has a seq and reaches every instance in order), and only
 * when it changed materially. Runs every `intervalMs` and shortly after a unit changes
 * status or an incident opens or changes. Only the lease holder computes and publishes;
 * every instance applies the events to its picture, which is what "changed" is judged against.
 */
export class AdviceService {
  private timer: NodeJS.Timeout | undefined;
  private kickTimer: NodeJS.Timeout | undefined;
  private running: Promise<boolean> | null = null;
  private again = false;
  private dirty = true;
  private lastRunAt = 0;
  private stopped = false;

  constructor(
    private readonly bus: CommandBus,
    private readonly picture: LivePicture,
    private readonly roads: () => Promise<RoadNetwork>,
    private readonly lease: PublisherLease,
    private readonly settings: AdviceSettings,
  ) {}

  start(): void {
    // Claim the lease at once: the first instance up stays the publisher while it lives.
    void this.lease.acquire();
    this.timer = setInterval(() => void this.run(), this.settings.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.kickTimer);
    await this.running;
    await this.lease.release();
  }

  onEntry(entry: LogEntry): void {
    switch (entry.type) {
      case 'unit.positions':
        this.dirty = true;
        break;
      case 'unit.updated':
      case 'alert.raised':
      case 'incident.created':
      case 'incident.updated':
        this.dirty = true;
        this.kick();
        break;
      default:
        break;
    }
  }

  /** One beat now (tests pass a clock). Resolves true when it published something. */
  tick(nowMs = Date.now()): Promise<boolean> {
    return this.run(nowMs);
  }

  /** Brings the advice up to date with everything applied so far (core.settle). */
  async flush(): Promise<boolean> {
    await this.running;
    if (!this.dirty) return false;
    clearTimeout(this.kickTimer);
    this.kickTimer = undefined;
    return this.run();
  }

  private kick(): void {
    if (this.kickTimer || this.stopped) return;
    const delay = Math.max(KICK_DELAY_MS, this.lastRunAt + MIN_GAP_MS - Date.now());
    this.kickTimer = setTimeout(() => {
      this.kickTimer = undefined;
      void this.run();
    }, delay);
    this.kickTimer.unref();
  }

  private run(nowMs = Date.now()): Promise<boolean> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.publish(nowMs)
      .catch(() => false) // database or graph away: the next beat tries again
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
    return this.running;
  }

  private async publish(nowMs: number): Promise<boolean> {
    if (this.stopped || !(await this.lease.acquire())) return false;
    this.lastRunAt = Date.now();
    this.dirty = false;
    const changed = await this.changedAdvice(nowMs);
    if (changed.length === 0 || this.stopped) return false;
    const events: DomainEvent[] = changed.map((advice) => ({ type: 'incident.advice', advice }));
    await this.bus.run(async () => ({ result: undefined, events }));
    return true;
  }

  private async changedAdvice(nowMs: number): Promise<IncidentAdvice[]> {
    const open = [...this.picture.incidents.values()].filter(needsAdvice);
    if (open.length === 0) return [];
    const { graph } = await this.roads();
    const located = [...this.picture.units.values()].filter((u): u is LocatedUnit => u.position !== null);
    const changed: IncidentAdvice[] = [];
    for (const incident of open) {
      // Off the road map (an extract that ends before the district does): no route, no advice.
      if (!snapToRoad(graph, incident.lat, incident.lon)) continue;
      const eligible = located.filter((u) => eligibleFor(incident, u));
      const next = adviceFor(incident, rankCandidates(graph, incident, eligible, { nowMs, emergencyFactor: this.settings.emergencyFactor }), nowMs);
      const ids = new Set(eligible.map((u) => u.id));
      if (isMaterialChange(this.picture.advice.get(incident.id), next, (id) => ids.has(id))) changed.push(next);
    }
    return changed;
  }
}
