import { PeriodicWorker } from './periodic-worker.js';

/**
 * A check of the live picture against the clock, once a beat: the watchers' common shape
 * (start, stop, and `check(now)` that tests call with a clock of their own). A failed
 * beat (the database away) is simply tried again at the next one.
 */
export abstract class ClockedCheck {
  private readonly worker = new PeriodicWorker<number>((nowMs) => this.checkAt(nowMs ?? Date.now()), { onError: () => {} });

  /** One pass at `nowMs`. */
  protected abstract checkAt(nowMs: number): Promise<void>;

  start(intervalMs = 1000): void {
    this.worker.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  /** One check now (tests pass a clock); while one runs, resolves with it instead of starting another. */
  check(nowMs = Date.now()): Promise<void> {
    return this.worker.kick(nowMs);
  }
}
