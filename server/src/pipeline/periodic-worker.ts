/**
 * What to do with a kick that comes while a tick runs:
 * - 'skip': nothing (the running tick covers it; a watcher's next beat comes soon enough);
 * - 'again': one more tick right after, however many kicks came (a relay that must not
 *   leave a commit unpublished until the next poll).
 */
export type Overlap = 'skip' | 'again';

export interface PeriodicWorkerOptions {
  /** A tick's throw or rejection; the worker never lets one become an unhandled rejection. */
  onError: (error: unknown) => void;
  overlap?: Overlap;
}

// Returned for a tick that finished synchronously: the hot beats (the position flush every
// POSITION_FLUSH_MS) allocate nothing per tick.
const DONE: Promise<void> = Promise.resolve();

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/**
 * One job run every `everyMs` on an unref'd timer, never two at once: the start/stop/
 * running-guard every watcher, poller and flusher of an instance needs. `tick` may be
 * sync or async and receives the argument of an explicit `kick(input)` (tests pass a
 * clock); the timer passes none. `stop()` ends the beat only: an explicit kick still
 * runs (a final flush on close).
 */
export class PeriodicWorker<In = void> {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | null = null;
  private again = false;
  // Bound once, so the timer's callback is not a fresh closure per start.
  private readonly beat = (): void => void this.kick();

  constructor(
    private readonly tick: (input?: In) => unknown,
    private readonly options: PeriodicWorkerOptions,
  ) {}

  /** True while a tick (or its follow-up) runs. */
  get busy(): boolean {
    return this.current !== null;
  }

  start(everyMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(this.beat, everyMs);
    this.timer.unref();
  }

  /** Ends the beat; resolves once the tick running now (if any) has finished. */
  stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    return this.current ?? DONE;
  }

  /**
   * Runs a tick now. While one runs, 'skip' returns that one's promise and 'again'
   * schedules a single follow-up and returns a promise that covers it. Never rejects.
   */
  kick(input?: In): Promise<void> {
    if (this.current) {
      if (this.options.overlap === 'again') this.again = true;
      return this.current;
    }
    let result: unknown;
    try {
      result = this.tick(input);
    } catch (error) {
      this.options.onError(error);
      return DONE;
    }
    if (!isThenable(result)) return DONE;
    this.current = this.follow(result);
    return this.current;
  }

  private async follow(first: PromiseLike<unknown>): Promise<void> {
    try {
      await first;
    } catch (error) {
      this.options.onError(error);
    }
    while (this.again) {
      this.again = false;
      try {
        await this.tick();
      } catch (error) {
        this.options.onError(error);
      }
    }
    this.current = null;
  }
}

/**
 * For a tick whose throw is a bug, not an outage: raised outside the worker, where an
 * uncaught exception in a bare setInterval callback would have gone.
 */
export function raiseUncaught(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
