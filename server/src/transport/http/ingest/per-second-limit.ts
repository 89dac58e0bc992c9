/**
 * Requests per key per second, for the tracker ingest route. A tracker sends a
 * fix every few seconds; one that sends 20 a second is broken or hostile. This
 * is a fixed one-second window shared by all keys, cleared as a whole when it
 * ends, so memory is bounded by the keys seen in one second. It replaces
 * @fastify/rate-limit on this one route because that plugin's per-request LRU
 * lookup, hook and three response headers were ~3 µs of every fix, on the
 * route that takes thousands a second (docs/performance.md, live core, goal 3).
 */
export class PerSecondLimit {
  private counts = new Map<string, number>();
  private windowStart = 0;

  constructor(private readonly max: number) {}

  /** Counts one request for `key`: 0 when it may pass, else the milliseconds until the window ends. */
  take(key: string, now = Date.now()): number {
    if (now - this.windowStart >= 1000) {
      this.counts = new Map();
      this.windowStart = now;
    }
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n > this.max ? this.windowStart + 1000 - now : 0;
  }

  /** Like `take` without counting: 0 when `key` is still under its budget this second, else the milliseconds until the window ends. */
  waitFor(key: string, now = Date.now()): number {
    if (now - this.windowStart >= 1000) return 0;
    return (this.counts.get(key) ?? 0) >= this.max ? this.windowStart + 1000 - now : 0;
  }

  get perSecond(): number {
    return this.max;
  }
}
