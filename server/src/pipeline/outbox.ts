import type { DomainEvent, LogEntry } from '@lianfang/shared';
import type { Queryable } from '../db/database.js';
import { encodeEvent, fromStored, type StoredEvent } from './event-codec.js';

/**
 * Takes the row lock on the global counter. Called first in every command
 * transaction, so commands are serialised: seq order is commit order, and
 * read-then-write decisions (dedupe, state checks) cannot race. Returns the seq
 * of the last committed event: a live picture at that seq is the database's state.
 */
export async function beginCommand(q: Queryable): Promise<number> {
  const [row] = await q.query<{ seq: number }>('SELECT seq FROM event_seq WHERE id = 1 FOR UPDATE');
  return Number(row!.seq);
}

/**
 * Inserts events in the caller's transaction; they become visible to the relay
 * only on commit. One statement: bump the counter and insert the rows.
 */
export async function appendEvents(q: Queryable, events: readonly DomainEvent[]): Promise<LogEntry[]> {
  if (events.length === 0) return [];
  const rows = await q.query<{ seq: number; at: Date }>(
    `WITH s AS (UPDATE event_seq SET seq = seq + $1 WHERE id = 1 RETURNING seq, now() AS at)
     INSERT INTO events (seq, at, type, payload)
     SELECT s.seq - $1 + x.n, s.at, x.t, x.p FROM s, unnest($2::text[], $3::json[]) WITH ORDINALITY AS x(t, p, n)
     RETURNING seq, at`,
    [events.length, events.map((e) => e.type), events.map(encodeEvent)],
  );
  const first = Math.min(...rows.map((r) => Number(r.seq)));
  const at = rows[0]!.at.toISOString();
  return events.map((e, i) => ({ ...e, seq: first + i, at }));
}

interface EventRow {
  seq: number;
  at: Date;
  payload: StoredEvent;
}

/** Committed events after `afterSeq`, in order (the relay's source and the deep-replay fallback). */
export async function readEvents(q: Queryable, afterSeq: number, limit: number, beforeSeq = Number.MAX_SAFE_INTEGER): Promise<LogEntry[]> {
  const rows = await q.query<EventRow>('SELECT seq, at, payload FROM events WHERE seq > $1 AND seq < $2 ORDER BY seq LIMIT $3', [afterSeq, beforeSeq, limit]);
  return rows.map((r) => ({ ...fromStored(r.payload), seq: r.seq, at: r.at.toISOString() }));
}

export async function currentSeq(q: Queryable): Promise<number> {
  const [row] = await q.query<{ seq: number }>('SELECT seq FROM event_seq WHERE id = 1');
  return row!.seq;
}

export async function oldestRetainedSeq(q: Queryable): Promise<number | null> {
  const [row] = await q.query<{ seq: number | null }>('SELECT min(seq) AS seq FROM events');
  return row?.seq ?? null;
}
