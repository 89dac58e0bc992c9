import type { LogEntry } from '@lianfang/shared';
import type { Database } from '../db/database.js';
import { currentSeq, readEvents } from './outbox.js';
import { PeriodicWorker } from './periodic-worker.js';

/**
 * Hands entries to this instance's live picture strictly in seq order, each
 * once. An entry that arrives after a hole (a trimmed stream, a Redis outage)
 * makes it read the missing range from the database first: no silent gaps.
 * It also keeps the recent entries for clients that reconnect.
 */
export class Sequencer {
  private ring: LogEntry[] = [];
  private readonly listeners: ((entry: LogEntry) => void)[] = [];
  private filling: Promise<void> | null = null;
  /** What `applied` was at the watchdog's previous beat. */
  private lastSeen = 0;
  // fillFromDb catches its own failures; the beat itself only compares two numbers.
  private readonly watchdog = new PeriodicWorker(() => this.watch(), { onError: () => {} });
  /** Callers waiting for a seq to be applied, resolved in `deliver` (no polling). */
  private waiters: { seq: number; resolve: () => void }[] = [];
  /**
   * Set when the database no longer holds the history applied here (replaced
   * or restored under this running instance, issue 15): from then on nothing is
   * applied, since the next entries would land on another history's picture.
   * Only a restart (a new picture, a new binding) brings the instance back.
   */
  halted = false;
  private behind: ((applied: number, databaseSeq: number) => void) | undefined;

  constructor(
    private readonly db: Database,
    public applied: number,
    private readonly window: number,
  ) {}

  /** Resolves once `seq` is applied here, or after `timeoutMs` (the change is committed either way). */
  waitFor(seq: number, timeoutMs = 2000): Promise<void> {
    if (this.applied >= seq) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = {
        seq,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  onEntry(listener: (entry: LogEntry) => void): void {
    this.listeners.push(listener);
  }

  /** Told once when the database's seq is found below what this instance applied; the sequencer halts. */
  whenDatabaseBehind(listener: (applied: number, databaseSeq: number) => void): void {
    this.behind = listener;
  }

  halt(): void {
    this.halted = true;
  }

  push(entry: LogEntry): void {
    if (this.halted || entry.seq <= this.applied) return;
    if (entry.seq === this.applied + 1 && !this.filling) {
      this.deliver(entry);
      return;
    }
    void this.fillFromDb();
  }

  /** Watchdog: if the log stops delivering (Redis down) the database still does, a second late. */
  start(intervalMs = 1000): void {
    this.lastSeen = this.applied;
    this.watchdog.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.watchdog.stop();
  }

  /** Not returning the fill: a beat during a long fill still moves `lastSeen`, as it always did. */
  private watch(): void {
    if (this.applied === this.lastSeen) void this.fillFromDb();
    this.lastSeen = this.applied;
  }

  /** Entries after `seq` from memory, or null when they are older than the ring holds. */
  entriesAfter(seq: number): LogEntry[] | null {
    if (seq >= this.applied) return [];
    const first = this.ring[0];
    if (!first || seq + 1 < first.seq) return null;
    return this.ring.slice(seq + 1 - first.seq);
  }

  get oldestInMemory(): number | null {
    return this.ring[0]?.seq ?? null;
  }

  fillFromDb(): Promise<void> {
    if (this.filling || this.halted) return this.filling ?? Promise.resolve();
    this.filling = (async () => {
      try {
        const target = await currentSeq(this.db);
        // A committed seq never goes back in one database: this is another one, or a restored backup.
        if (target < this.applied) {
          this.halted = true;
          this.behind?.(this.applied, target);
          return;
        }
        while (this.applied < target) {
          const batch = await readEvents(this.db, this.applied, 1000, target + 1);
          if (batch.length === 0) break;
          for (const entry of batch) if (entry.seq === this.applied + 1 && !this.halted) this.deliver(entry);
        }
      } catch {
        // Database away: the watchdog tries again.
      } finally {
        this.filling = null;
      }
    })();
    return this.filling;
  }

  private deliver(entry: LogEntry): void {
    this.applied = entry.seq;
    this.ring.push(entry);
    // Trim in chunks: one splice per 10% instead of a shift per entry.
    if (this.ring.length > this.window * 1.1) this.ring.splice(0, this.ring.length - this.window);
    for (const listener of this.listeners) listener(entry);
    if (this.waiters.length > 0) this.releaseWaiters();
  }

  private releaseWaiters(): void {
    const due = this.waiters.filter((w) => w.seq <= this.applied);
    if (due.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.seq > this.applied);
    for (const w of due) w.resolve();
  }
}
