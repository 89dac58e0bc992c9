import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../src/db/database.js';
import { readMigrations } from '../../src/db/migrate.js';
import { createPgDatabase } from '../../src/db/pg-database.js';

export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  name: string;
  db: Database;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * A database of the bench's own, dropped at the end whatever happens. Every
 * statement is capped at `statementTimeoutMs` so that a slow "before" query
 * cannot blow the time budget.
 */
export async function createBenchDatabase(statementTimeoutMs: number, keep?: string, serial = false): Promise<BenchDatabase & { existed: boolean }> {
  // `keep`: a named database that survives the run, so the data is generated once and timed many times.
  if (keep !== undefined && !/^[a-z0-9_]{1,40}$/.test(keep)) throw new Error('--keep takes a database name of a-z, 0-9 and _');
  const name = keep ? `lf_bench_analytics_${keep}` : `lf_bench_analytics_${randomBytes(5).toString('hex')}`;
  const existed = await admin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
  if (!existed) await admin((c) => c.query(`CREATE DATABASE ${name}`));
  // serial: no parallel workers, so the backend's own CPU time is all the query's work (workers' time is not in it)
  const options = `-c statement_timeout=${statementTimeoutMs}${serial ? ' -c max_parallel_workers_per_gather=0' : ''}`;
  const url = `${PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`)}?options=${encodeURIComponent(options)}`;
  // One connection: queries are timed one at a time, and its backend's CPU time is read from /proc.
  const db = createPgDatabase(url, 1);
  return {
    name,
    db,
    existed,
    async drop() {
      await db.close().catch(() => {});
      if (!keep) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Drops a database kept with --keep (`--drop=<name>`). */
export async function dropKeptDatabase(keep: string): Promise<void> {
  if (!/^[a-z0-9_]{1,40}$/.test(keep)) throw new Error('--drop takes a database name of a-z, 0-9 and _');
  await admin((c) => c.query(`DROP DATABASE IF EXISTS lf_bench_analytics_${keep} WITH (FORCE)`));
}

/** Applies the numbered migrations in [from, to] as the server would (one statement batch each). */
export async function applyMigrations(db: Database, fromVersion: number, toVersion: number): Promise<string[]> {
  const applied: string[] = [];
  for (const m of readMigrations()) {
    if (m.version < fromVersion || m.version > toVersion) continue;
    await db.exec(m.sql);
    applied.push(m.name);
  }
  return applied;
}
