import type { DomainEvent, LogEntry } from '@lianfang/shared';
import type { Database, Queryable } from '../db/database.js';
import { appendEvents, beginCommand } from './outbox.js';
import type { EventRelay } from './event-relay.js';

export interface CommandOutcome<T> { result: T; events: DomainEvent[] }

/**
 * The one way state changes: lock the seq, change rows, write the events, commit,
 * then kick the relay. If the commit fails nothing is published; if it succeeds
 * the events are in the outbox and reach every screen even if this process dies now.
 */
export class CommandBus {
  constructor(private readonly db: Database, private readonly relay: EventRelay) {}

  async run<T>(fn: (q: Queryable) => Promise<CommandOutcome<T>>): Promise<{ result: T; entries: LogEntry[] }> {
    const out = await this.db.tx(async (q) => {
      await beginCommand(q);
      const { result, events } = await fn(q);
      const entries = await appendEvents(q, events);
      return { result, entries };
    });
    if (out.entries.length > 0) this.relay.kick();
    return out;
  }
}
