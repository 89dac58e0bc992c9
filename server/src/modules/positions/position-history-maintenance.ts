import type { Queryable } from '../../db/database.js';
import { PeriodicWorker } from '../../pipeline/periodic-worker.js';
import { daysAhead, daysInDefault, dropPositionDaysBefore, ensurePositionDays, retentionCutoff } from './position-partitions.js';

/** Partitions exist for today and this many days after it. */
const DAYS_AHEAD = 2;
/** Hourly: a day's partition is created two days before it is needed, so a missed beat or two costs nothing. */
const EVERY_MS = 3_600_000;

export interface MaintenanceReport {
  created: string[];
  dropped: string[];
}

/**
 * Keeps the day partitions of the position history (migration 029): today and the
 * next days created ahead, days that landed in the default partition given their
 * own, and days older than POSITION_RETENTION_DAYS dropped whole (hourly). Every instance
 * runs it; the statements are idempotent and serialised per day in the database.
 */
export class PositionHistoryMaintenance {
  private readonly worker = new PeriodicWorker<number>((now) => this.run(now ?? Date.now()), {
    onError: (error) => this.onError(error),
  });

  constructor(
    private readonly db: Queryable,
    private readonly retentionDays: number,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  private starting: Promise<void> = Promise.resolve();

  /**
   * At start only the partitions ahead (an instance may start just before midnight);
   * retention waits for the first hourly beat, so that rows someone loads right after
   * a start (an import of old history, a test's fixed dates) are not swept at once.
   */
  start(): void {
    this.starting = ensurePositionDays(this.db, daysAhead(Date.now(), DAYS_AHEAD)).then(
      () => {},
      (error: unknown) => this.onError(error),
    );
    this.worker.start(EVERY_MS);
  }

  async stop(): Promise<void> {
    await this.starting;
    await this.worker.stop();
  }

  /** One beat at the given clock (tests pass their own). */
  async run(nowMs: number): Promise<MaintenanceReport> {
    const cutoff = retentionCutoff(nowMs, this.retentionDays);
    const dropped = await dropPositionDaysBefore(this.db, cutoff);
    const waiting = (await daysInDefault(this.db)).filter((day) => day >= cutoff);
    const created = await ensurePositionDays(this.db, [...new Set([...daysAhead(nowMs, DAYS_AHEAD), ...waiting])].sort());
    return { created, dropped };
  }
}
