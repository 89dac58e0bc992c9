import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.js';

/** dataDir undefined → in-memory (tests); otherwise files under it survive restarts. */
export async function createPgliteDatabase(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, {
    parsers: { [types.INT8]: (v: string) => Number(v), [types.NUMERIC]: (v: string) => Number(v) },
  });
  const toQueryable = (target: Pick<PGlite, 'query'>): Queryable => ({
    async query<R extends object>(sql: string, params?: readonly unknown[]) {
      const res = await target.query<R>(sql, params as unknown[] | undefined);
      return res.rows;
    },
  });
  return {
    driver: 'pglite',
    ...toQueryable(db),
    tx: <T>(fn: (q: Queryable) => Promise<T>) => db.transaction((t) => fn(toQueryable(t))),
    async exec(sql: string) {
      await db.exec(sql);
    },
    async close() {
      await db.close();
    },
  };
}
