import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SERVER_DIR } from './paths';

/** The part of node-postgres the browser tests use (the web package has no pg of its own: it is the server's). */
interface PgClient {
  connect(): Promise<void>;
  query(sql: string, params?: readonly unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}
const { Client } = createRequire(join(SERVER_DIR, 'package.json'))('pg') as { Client: new (o: { connectionString: string }) => PgClient };

const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface E2eDatabase {
  url: string;
  /** a query on the test database (seeding rows the server's API cannot backdate) */
  query<R extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

async function onAdmin(sql: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A fresh PostgreSQL database of this run's own, dropped at the end. */
export async function createE2eDatabase(): Promise<E2eDatabase> {
  const name = `lf_e2e_${randomBytes(5).toString('hex')}`;
  await onAdmin(`CREATE DATABASE ${name}`);
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    url,
    async query<R extends object>(sql: string, params: readonly unknown[] = []) {
      return (await client.query(sql, params)).rows as R[];
    },
    async drop() {
      await client.end().catch(() => {});
      await onAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
