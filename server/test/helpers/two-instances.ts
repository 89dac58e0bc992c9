import { startTestApp, type TestApp } from './test-app.js';
import { REDIS_URL, createTestDatabase, testRedisPrefix } from './test-services.js';

export interface TwoInstances {
  a: TestApp;
  b: TestApp;
  close(): Promise<void>;
}

/** Two server instances on one fresh PostgreSQL database and one Redis key prefix, as behind a load balancer. */
export async function startTwoInstances(): Promise<TwoInstances> {
  const db = await createTestDatabase();
  const prefix = testRedisPrefix();
  const a = await startTestApp({ databaseUrl: db.url, redisUrl: REDIS_URL, redisPrefix: prefix });
  const b = await startTestApp({ databaseUrl: db.url, redisUrl: REDIS_URL, redisPrefix: prefix });
  return {
    a,
    b,
    async close() {
      await a.close();
      await b.close();
      await db.drop();
    },
  };
}
