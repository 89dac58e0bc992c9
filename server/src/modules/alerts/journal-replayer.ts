import { randomUUID } from 'node:crypto';
import { isDatabaseUnavailable } from '../../db/db-unavailable.js';
import type { Queryable } from '../../db/database.js';
import { PeriodicWorker } from '../../pipeline/periodic-worker.js';
import { DomainError } from '../domain-errors.js';
import type { ModuleWorker } from '../module-parts.js';
import type { AlertService } from './alert-service.js';
import type { IntakeJournal, JournalEntry } from './intake-journal.js';

export interface ReplayLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** A writer that stops renewing (killed, stalled) hands over after this long. */
const LEASE_MS = 5000;
const BATCH = 50;

/**
 * Writes the journal back once the database answers: one instance at a time
 * (a lease in Redis), oldest press first, each through the live path
 * (`AlertService.raise`, the same join and dedupe rule at the press's own
 * received time). Exactly once: every journalled press carries an idempotency
 * key, so a writer killed between the commit and the journal's delete leaves a
 * press the next writer finds already recorded, and settles without a second alert.
 */
export class JournalReplayer implements ModuleWorker {
  /** The lease's value: this process's pid first, so an operator (or a drill) can tell who writes. */
  private readonly token = `${process.pid}:${randomUUID()}`;
  private readonly worker: PeriodicWorker;

  constructor(
    private readonly journal: IntakeJournal,
    private readonly alerts: AlertService,
    private readonly db: Queryable,
    private readonly log: ReplayLog,
    private readonly everyMs = 250,
  ) {
    this.worker = new PeriodicWorker(() => this.drain(), {
      onError: (err) => this.log.warn({ err }, 'intake journal: replay tick failed'),
      overlap: 'again',
    });
  }

  start(): void {
    this.worker.start(this.everyMs);
  }

  async stop(): Promise<void> {
    await this.worker.stop();
    await this.journal.releaseLease(this.token);
  }

  /** Writes what the journal holds now (never beside a tick of the beat). Tests and close call it. */
  flush(): Promise<void> {
    return this.worker.kick();
  }

  /** Returns how many presses were settled; stops at the first the database cannot take yet. */
  private async drain(): Promise<number> {
    let settled = 0;
    for (;;) {
      if (!(await this.journal.hasBacklog())) return settled;
      if (!(await this.journal.holdLease(this.token, LEASE_MS))) return settled;
      const entries = await this.journal.head(BATCH);
      for (const entry of entries) {
        // Renewed per press: a writer that lost the lease (stalled past it) stops before writing another.
        if (!(await this.journal.holdLease(this.token, LEASE_MS))) return settled;
        if (!(await this.write(entry))) return settled;
        settled++;
      }
    }
  }

  /** False when the database is still away (the press stays, first in line). */
  private async write(entry: JournalEntry): Promise<boolean> {
    const { press } = entry;
    try {
      // A device revoked while its press waited is not let in afterwards.
      if (press.deviceId && !(await deviceActive(this.db, press.deviceId))) {
        await this.journal.settle(entry, null, 'device revoked');
        this.log.warn({ journalId: entry.journalId, deviceId: press.deviceId }, 'intake journal: press of a revoked device refused');
        return true;
      }
      const { alert } = await this.alerts.raise(press);
      await this.journal.settle(entry, alert.id);
      return true;
    } catch (err) {
      if (isDatabaseUnavailable(err)) return false;
      if (!(err instanceof DomainError)) throw err;
      // Refused by the domain (it would have been a 4xx live): kept aside, never blocking the presses behind it.
      await this.journal.settle(entry, null, err.message);
      this.log.warn({ journalId: entry.journalId, err: err.message }, 'intake journal: press refused on replay');
      return true;
    }
  }
}

async function deviceActive(db: Queryable, deviceId: string): Promise<boolean> {
  const rows = await db.query<{ id: string }>('SELECT id FROM devices WHERE id = $1 AND revoked_at IS NULL', [deviceId]);
  return rows.length > 0;
}
