import type { Database } from '../../db/database.js';
import { DomainError } from '../domain-errors.js';
import type { AnalyticsContext } from './analytics-scope.js';
import { settledFiguresOf } from './settled-figures.js';

/**
 * Analytics share the connection pool with the live command path. A year-long
 * query holds its connection for seconds, so at most this many run at once per
 * instance; the others wait their turn instead of starving dispatches.
 */
const MAX_CONCURRENT = 2;
const STATEMENT_TIMEOUT_MS = 30_000;
let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/**
 * Runs analytics queries in one read-only transaction with JIT off. PostgreSQL
 * decides to JIT-compile on the *estimated* cost, and the bucket and slot series
 * (generate_series is always estimated at 1000 rows) push small queries over the
 * threshold: compiling then took about 1.2 s for a query that runs in 4 ms
 * (measured; see docs/analytics.md). work_mem is raised for this transaction only
 * (percentiles sort; 4 MB spilled a month to disk). Read-only also guarantees a
 * dashboard never writes. REPEATABLE READ gives every query of a request one
 * snapshot: the kept figures of settled periods and today's incidents are then
 * read as of the same instant, and that snapshot is what a kept figure records
 * (settled-figures.ts).
 */
export async function inAnalyticsSession<T>(db: Database, timeZone: string, fn: (ctx: AnalyticsContext) => Promise<T>): Promise<T> {
  const release = await slot();
  try {
    return await db.tx(async (q) => {
      await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      await q.query('SET LOCAL jit = off');
      await q.query(`SET LOCAL work_mem = '64MB'`);
      await q.query(`SET LOCAL statement_timeout = ${STATEMENT_TIMEOUT_MS}`);
      return fn({ db: q, timeZone, settled: settledFiguresOf(db) });
    });
  } catch (err) {
    // query_canceled by the timeout: the client can do something about it, unlike a 500.
    if ((err as { code?: string }).code === '57014')
      throw new DomainError('unavailable', `the query took longer than ${STATEMENT_TIMEOUT_MS / 1000} s: narrow the window or add filters`);
    throw err;
  } finally {
    release();
  }
}
