import { createTestDatabase } from '../../helpers/test-services.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

/** GET with the admin token (or another); the JSON body typed by the caller. */
export async function get<T>(t: TestApp, url: string, token = t.adminToken): Promise<{ status: number; body: T }> {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, body: res.json() as T };
}

export type Driver = 'pglite' | 'postgres';

/** A server on PGlite (temp dir) or on a fresh PostgreSQL database that is dropped on close. */
export async function startOn(driver: Driver): Promise<TestApp> {
  if (driver === 'pglite') return startTestApp();
  const db = await createTestDatabase();
  const t = await startTestApp({ databaseUrl: db.url });
  return {
    ...t,
    async close() {
      await t.close();
      await db.drop();
    },
  };
}
