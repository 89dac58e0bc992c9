import type { LogEntry } from '@lianfang/shared';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { createPgDatabase } from '../../src/db/pg-database.js';
import type { Renamed } from '../../src/pipeline/log-binding.js';
import { openRedisEventLog, type BindingEvents } from '../../src/pipeline/open-redis-event-log.js';
import type { RedisEventLog } from '../../src/pipeline/redis-event-log.js';
import { REDIS_URL, createTestDatabase, testRedisPrefix } from '../helpers/test-services.js';

/**
 * Issue 15, the parts under the fault test: which stream a database owns, and
 * what a refused stream id means. Real PostgreSQL and Redis.
 */
describe('event log bound to its database', () => {
  let db: Database;
  let drop: () => Promise<void>;
  let redis: Redis;
  const logs: RedisEventLog[] = [];
  beforeAll(async () => {
    const t = await createTestDatabase();
    drop = t.drop;
    db = createPgDatabase(t.url);
    await migrate(db);
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    for (const l of logs) await l.close();
    redis?.disconnect();
    await db?.close();
    await drop?.();
  });

  const recorder = () => {
    const seen = { bound: [] as (string | null)[], renamed: [] as Renamed[], lost: [] as string[] };
    const events: BindingEvents = {
      bound: (_id, previous) => seen.bound.push(previous),
      renamed: (r) => seen.renamed.push(r),
      lost: (_id, reason) => seen.lost.push(reason),
    };
    return { seen, events };
  };
  const open = async (prefix: string, events: BindingEvents) => {
    const log = await openRedisEventLog(REDIS_URL, prefix, db, events);
    logs.push(log);
    // Its connections open in the background (no offline queue): wait for them, as a relay would by retrying.
    while (!(await log.healthy())) await new Promise((r) => setTimeout(r, 10));
    return log;
  };
  const entry = (seq: number, at: string): LogEntry => ({ type: 'unit.positions', positions: [], seq, at });
  const setSeq = (seq: number) => db.query('UPDATE event_seq SET seq = $1 WHERE id = 1', [seq]);

  it('keeps one identity across starts, in a stream key of its own, and retires the stream of versions before it', async () => {
    const prefix = testRedisPrefix();
    await redis.xadd(`${prefix}events`, '1-1', 'e', '{}');
    const first = recorder();
    const a = await open(prefix, first.events);
    const b = await open(prefix, recorder().events);
    expect(a.identity).toMatch(/^[\w-]{12}$/);
    expect(b.identity).toBe(a.identity);
    expect(first.seen.bound).toEqual([null]);
    expect(await redis.get(`${prefix}events:current`)).toBe(a.identity);
    expect(await redis.ttl(`${prefix}events`)).toBeGreaterThan(0);
    await a.publish([entry(1, '2026-01-01T00:00:00.000Z')]);
    expect(await redis.xlen(`${prefix}events:${a.identity}`)).toBe(1);
  });

  it('renames the history when the database is behind its stream (a restored backup); instances starting together agree', async () => {
    const prefix = testRedisPrefix();
    await setSeq(3);
    const before = await open(prefix, recorder().events);
    await before.publish([1, 2, 3].map((s) => entry(s, '2026-01-01T00:00:00.000Z')));
    await setSeq(1); // the restore: the database went back to seq 1, the stream still holds 2 and 3
    const [x, y] = [recorder(), recorder()];
    const [a, b] = await Promise.all([open(prefix, x.events), open(prefix, y.events)]);
    expect(a.identity).not.toBe(before.identity);
    expect(b.identity).toBe(a.identity);
    expect([...x.seen.renamed, ...y.seen.renamed][0]).toMatchObject({ from: before.identity, streamHead: 3, databaseSeq: 1 });
    expect(await a.head()).toBe(0);
    expect(await redis.ttl(`${prefix}events:${before.identity}`)).toBeGreaterThan(0);
  });

  it('takes a refused id for a duplicate only when the stream holds that same entry', async () => {
    const prefix = testRedisPrefix();
    await setSeq(0);
    const { seen, events } = recorder();
    const log = await open(prefix, events);
    const at = '2026-01-01T00:00:01.000Z';
    await log.publish([entry(1, at), entry(2, at)]);
    await log.publish([entry(1, at), entry(2, at), entry(3, at)]); // a second relay: harmless
    expect(await log.head()).toBe(3);
    expect(seen.lost).toEqual([]);
    await redis.xtrim(`${prefix}events:${log.identity}`, 'MAXLEN', 1);
    await log.publish([entry(2, at)]); // below the first entry left: trimmed history, harmless too
    expect(seen.lost).toEqual([]);
    // Another history at seq 3 (another commit time): not a duplicate.
    await expect(log.publish([entry(3, '2026-01-01T00:00:02.000Z')])).rejects.toThrow(/not bound/);
    expect(seen.lost).toEqual(['the stream holds a different entry at seq 3']);
    expect(await log.healthy()).toBe(false);
    await expect(log.publish([entry(4, at)])).rejects.toThrow(/not bound/);
    expect(await log.head()).toBe(3);
  });

  it('stops reading when the stream is ahead of its database', async () => {
    const prefix = testRedisPrefix();
    await setSeq(2);
    const { seen, events } = recorder();
    const log = await open(prefix, events);
    await log.publish([entry(1, '2026-01-01T00:00:00.000Z'), entry(2, '2026-01-01T00:00:00.000Z')]);
    await setSeq(0); // went back under a running log
    const got: number[] = [];
    await log.subscribe(0, (e) => got.push(e.seq));
    for (let i = 0; i < 50 && seen.lost.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(seen.lost[0]).toMatch(/ahead of this database/);
    expect(got).toEqual([]);
  });
});
