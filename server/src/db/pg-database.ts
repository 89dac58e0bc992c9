import pg from 'pg';
import type { Database, Queryable } from './database.js';
import { isDatabaseUnavailable } from './db-unavailable.js';

// int8 (counts, seq) as numbers: they stay far below 2^53 in this domain.
pg.types.setTypeParser(20, (v) => Number(v));
// numeric → number for aggregates (percentile_cont etc.)
pg.types.setTypeParser(1700, (v) => Number(v));

export function createPgDatabase(connectionString: string, max = 10): Database {
  // A database that stops answering (paused, network cut) fails a command within seconds instead of hanging it.
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5000 });
  // A dropped connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const asQueryable = (client: pg.PoolClient): Queryable => ({
    async query<R extends object>(sql: string, params?: readonly unknown[]) {
      const res = await client.query(sql, params as unknown[] | undefined);
      return res.rows as R[];
    },
  });
  return {
    driver: 'pg',
    async query<R extends object>(sql: string, params?: readonly unknown[]) {
      const res = await pool.query(sql, params as unknown[] | undefined);
      return res.rows as R[];
    },
    async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      // A checked-out client whose connection dies (database restarted) emits 'error'; with no listener
      // that would crash the process. The failing query rejects anyway; the broken client is discarded.
      let broken: Error | undefined;
      const onError = (err: Error) => {
        broken = err;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(asQueryable(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        if (isDatabaseUnavailable(err)) broken ??= err as Error;
        else await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
  };
}
