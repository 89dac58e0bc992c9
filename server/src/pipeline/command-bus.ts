import type { DomainEvent, LogEntry } from '@lianfang/shared';
import type { Database, Queryable } from '../db/database.js';
import { appendEvents, beginCommand } from './outbox.js';
import type { EventRelay } from './event-relay.js';

export interface CommandOutcome<T> {
  result: T;
  events: DomainEvent[];
}

/**
 * What a command learns from taking the lock: the last committed seq. While it
 * holds the lock nothing else commits, so a live picture that has applied this
 * seq is exactly the database's state and can answer reads without a query.
 */
export interface CommandStart {
  seq: number;
}

/**
 * The one way state changes: lock the seq, change rows, write the events, commit,
 * then kick the relay. If the commit fails nothing is published; if it succeeds
 * the events are in the outbox and reach every screen even if this process dies now.
 */
export class CommandBus {
  constructor(
    private readonly db: Database,
    private readonly relay: EventRelay,
    private readonly waitApplied: (seq: number) => Promise<void>,
  ) {}

  /**
   * `awaitApply` (default on): resolve only once this instance's live picture
   * holds the change, so a client reading right after its own write sees it
   * (create a unit, then report its first fix). The hot position path skips it.
   */
  async run<T>(
    fn: (q: Queryable, lockedAt: CommandStart) => Promise<CommandOutcome<T>>,
    options: { awaitApply?: boolean } = {},
  ): Promise<{ result: T; entries: LogEntry[] }> {
    const out = await this.db.tx(async (q) => {
      const seq = await beginCommand(q);
      const { result, events } = await fn(q, { seq });
      const entries = await appendEvents(q, events);
      return { result, entries };
    });
    await this.published(out.entries, options.awaitApply !== false);
    return out;
  }

  /**
   * A command that is one database call (a function that takes the seq lock,
   * writes its rows and its outbox events in its own implicit transaction):
   * `call` resolves with the committed entries, or null when it wrote nothing.
   */
  async runCall(call: (q: Queryable) => Promise<LogEntry[] | null>): Promise<LogEntry[] | null> {
    const entries = await call(this.db);
    if (entries) await this.published(entries, true);
    return entries;
  }

  private async published(entries: readonly LogEntry[], awaitApply: boolean): Promise<void> {
    if (entries.length === 0) return;
    // Committed: the relay may publish these without reading them back.
    this.relay.committed(entries);
    // Bounded wait: the change is committed either way; a slow log only delays this reply, never loses it.
    if (awaitApply) await this.waitApplied(entries[entries.length - 1]!.seq);
  }
}
