import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../../src/config.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../test-app.js';
import { REDIS_URL, createTestDatabase, testRedisPrefix } from '../test-services.js';
import { freePort } from './free-port.js';
import { startLoadBalancer, type LoadBalancer } from './load-balancer.js';
import { ServerInstance } from './server-instance.js';

export interface VictimAndSurvivor {
  /** A real OS process (so it can be killed with SIGKILL), first behind the load balancer. */
  victim: ServerInstance;
  /** In this process (its app and database for the test's checks). */
  survivor: TestApp;
  lb: LoadBalancer;
  close(): Promise<void>;
}

/** Two instances over one fresh database and Redis prefix, behind the load balancer, for the kill tests. */
export async function startVictimAndSurvivor(config: Partial<Config> = {}): Promise<VictimAndSurvivor> {
  const db = await createTestDatabase();
  const prefix = testRedisPrefix();
  const survivor = await startTestApp({ databaseUrl: db.url, redisUrl: REDIS_URL, redisPrefix: prefix, config });
  const dir = mkdtempSync(join(tmpdir(), 'lf-kill-'));
  const env: Record<string, string> = {
    DATABASE_URL: db.url,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
    INGEST_RATE_PER_SECOND: '100000',
  };
  for (const [k, v] of Object.entries(config)) env[k] = String(v);
  const victim = new ServerInstance('victim', await freePort(), env, dir, { execArgv: ['--import', 'tsx', '--conditions=lianfang-src'] });
  await victim.start();
  // The victim first: the load balancer's first connection goes to it.
  const lb = await startLoadBalancer([
    { host: '127.0.0.1', port: victim.port, downUntil: 0 },
    { host: '127.0.0.1', port: Number(new URL(survivor.url).port), downUntil: 0 },
  ]);
  return {
    victim,
    survivor,
    lb,
    async close() {
      await lb.close();
      await victim.stop();
      await survivor.close();
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
