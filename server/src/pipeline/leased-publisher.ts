import { PeriodicWorker } from './periodic-worker.js';

/** One publisher across all instances (PublisherLease: a row in `settings`). */
export interface Lease {
  /** Takes or renews the lease; false while another live instance holds it (or the database is away). */
  acquire(): Promise<boolean>;
  release(): Promise<void>;
}

export interface LeasedPublisherHooks {
  /** Computes what changed and publishes it; true when it published. Called only while this instance holds the lease. */
  publish(nowMs: number): Promise<boolean>;
  /** Picks the next run's time and calls runAt (the service's throttle and settle); called after a run others asked for meanwhile. */
  reschedule(): void;
  /** The beat every `everyMs`: what time alone changes (deadlines, samples, geography), besides renewing the lease. */
  beat(): unknown;
}

/**
 * A derived "latest state" published by one instance at a time (incident advice, live
 * coverage): runs only under the lease, never two at once (a run asked for meanwhile
 * is followed by a rescheduled one), at most one pending one-shot run, a beat, and a
 * graceful stop that waits for the run in flight and hands the lease over at once.
 * What "changed" means and when a run is due stay with each service.
 */
export class LeasedPublisher {
  /** Something the published state depends on has moved since the last run under the lease. */
  dirty = true;
  /** When the last run started (with or without the lease: a non-holder asks the database no more often than a holder computes). */
  lastRunAt = 0;
  private stopping = false;
  private running: Promise<boolean> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = 0;
  private readonly beats: PeriodicWorker;

  constructor(
    private readonly lease: Lease,
    private readonly everyMs: number,
    private readonly hooks: LeasedPublisherHooks,
  ) {
    // The hooks catch their own outages (a database or graph away: the next beat tries again).
    this.beats = new PeriodicWorker(() => this.hooks.beat(), { onError: () => {} });
  }

  get stopped(): boolean {
    return this.stopping;
  }

  /** A one-shot run is pending. */
  get scheduled(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    // Claim the lease at once: the first instance up stays the publisher while it lives.
    void this.lease.acquire();
    this.beats.start(this.everyMs);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.cancelScheduled();
    // A beat renewing the lease after the release below would hold it for a whole ttl.
    await this.beats.stop();
    await this.running;
    await this.lease.release();
  }

  /** Renews the lease for work of the beat; false when stopped or another instance holds it. */
  async holdsLease(): Promise<boolean> {
    return !this.stopping && (await this.lease.acquire());
  }

  /** One run at `at` (ms); a pending run at another time is replaced, one at the same time kept. */
  runAt(at: number): void {
    if (this.stopping || (this.timer && this.timerAt === at)) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.run();
      },
      Math.max(0, at - Date.now()),
    );
    this.timer.unref();
  }

  /** Runs now; while a run is in flight, resolves with it and reschedules another after. True when it published. */
  run(nowMs = Date.now()): Promise<boolean> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.attempt(nowMs)
      .catch(() => false) // database or graph away: the next beat tries again
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopping) {
          this.again = false;
          this.hooks.reschedule();
        }
      });
    return this.running;
  }

  /** Brings the published state up to date with everything applied so far, if anything moved (core.settle). */
  async flush(): Promise<boolean> {
    await this.running;
    if (!this.dirty) return false;
    this.cancelScheduled();
    return this.run();
  }

  private cancelScheduled(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async attempt(nowMs: number): Promise<boolean> {
    this.lastRunAt = Date.now();
    // Not the publisher: stay dirty, so taking over (after the holder's lease expires) recomputes at once.
    if (this.stopping || !(await this.lease.acquire())) return false;
    this.dirty = false;
    return this.hooks.publish(nowMs);
  }
}
