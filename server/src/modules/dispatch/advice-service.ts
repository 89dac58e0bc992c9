import type { DomainEvent, IncidentAdvice, LogEntry } from '@lianfang/shared';
import { snapToRoad } from '@lianfang/shared/routing/index';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { LeasedPublisher, type Lease } from '../../pipeline/leased-publisher.js';
import type { LivePicture } from '../live-picture.js';
import type { RoadNetwork } from '../roads/road-network.js';
import { rankCandidates, type LocatedUnit } from './candidate-ranking.js';
import { adviceFor, eligibleFor, isMaterialChange, needsAdvice } from './incident-advice.js';

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
  private readonly publisher: LeasedPublisher;

  constructor(
    private readonly bus: CommandBus,
    private readonly picture: LivePicture,
    private readonly roads: () => Promise<RoadNetwork>,
    lease: Lease,
    private readonly settings: AdviceSettings,
  ) {
    this.publisher = new LeasedPublisher(lease, settings.intervalMs, {
      publish: (nowMs) => this.publish(nowMs),
      reschedule: () => this.kick(),
      // Every beat, dirty or not: time alone moves deadlines. Not awaited, so a beat during a long run still asks for one more.
      beat: () => void this.publisher.run(),
    });
  }

  start(): void {
    this.publisher.start();
  }

  stop(): Promise<void> {
    return this.publisher.stop();
  }

  onEntry(entry: LogEntry): void {
    switch (entry.type) {
      case 'unit.positions':
        this.publisher.dirty = true;
        break;
      case 'unit.updated':
      case 'alert.raised':
      case 'incident.created':
      case 'incident.updated':
        this.publisher.dirty = true;
        this.kick();
        break;
      default:
        break;
    }
  }

  /** One beat now (tests pass a clock). Resolves true when it published something. */
  tick(nowMs = Date.now()): Promise<boolean> {
    return this.publisher.run(nowMs);
  }

  /** Brings the advice up to date with everything applied so far (core.settle). */
  flush(): Promise<boolean> {
    return this.publisher.flush();
  }

  /** A throttle, not a debounce: the first trigger fixes the time, later ones ride along (a stream of changes cannot starve it). */
  private kick(): void {
    if (this.publisher.scheduled) return;
    const now = Date.now();
    this.publisher.runAt(Math.max(now + KICK_DELAY_MS, this.publisher.lastRunAt + MIN_GAP_MS));
  }

  /** Under the lease (LeasedPublisher): the changed advice, through the bus. */
  private async publish(nowMs: number): Promise<boolean> {
    const changed = await this.changedAdvice(nowMs);
    if (changed.length === 0 || this.publisher.stopped) return false;
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
      const next = adviceFor(
        incident,
        rankCandidates(graph, incident, eligible, { nowMs, emergencyFactor: this.settings.emergencyFactor, category: incident.category }),
        nowMs,
      );
      const ids = new Set(eligible.map((u) => u.id));
      if (isMaterialChange(this.picture.advice.get(incident.id), next, (id) => ids.has(id))) changed.push(next);
    }
    return changed;
  }
}
