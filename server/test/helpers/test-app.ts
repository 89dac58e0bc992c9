import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../src/app.js';
import { bootstrapAdmin } from '../../src/modules/users-auth/bootstrap-admin.js';
import { loadConfig, type Config } from '../../src/config.js';
import { seedPgliteDataDir } from './pglite-template.js';

export const ADMIN_PASSWORD = 'test-admin-password';

export interface TestApp {
  app: FastifyInstance;
  url: string;
  adminToken: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  databaseUrl?: string;
  redisUrl?: string;
  redisPrefix?: string;
  dataDir?: string;
  config?: Partial<Config>;
  /** Capture the log (at info unless config.LOG_LEVEL says otherwise) instead of turning it off. */
  logStream?: { write(line: string): void };
}

/** A real server on a random port with an admin logged in. PGlite in a temp dir unless a databaseUrl is given. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownDir = !options.dataDir && !options.databaseUrl ? mkdtempSync(join(tmpdir(), 'lf-test-')) : undefined;
  const pgliteDir = options.databaseUrl ? undefined : (options.dataDir ?? ownDir);
  if (pgliteDir) seedPgliteDataDir(pgliteDir, inject('pgliteTemplate'));
  const config = loadConfig(
    {},
    {
      PORT: 0,
      HOST: '127.0.0.1',
      ADMIN_PASSWORD,
      LOG_LEVEL: options.logStream ? 'info' : 'silent',
      DATA_DIR: options.dataDir ?? ownDir ?? tmpdir(),
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl, REDIS_PREFIX: options.redisPrefix ?? 'lftest:' } : {}),
      // Tests post many fixes from one tracker in a burst.
      INGEST_RATE_PER_SECOND: 100_000,
      // every test request comes from 127.0.0.1, and fuzz and rate tests send unknown tracker ids in bursts
      INGEST_UNKNOWN_PER_ADDRESS_PER_SECOND: 100_000,
      LOGIN_RATE_PER_MINUTE: 1000,
      LOGIN_RATE_PER_ADDRESS_PER_MINUTE: 1000,
      // a test reads the analytics it seeds; a background read at a random moment would only add noise
      ANALYTICS_PREWARM_SECONDS: 0,
      // No web app: a `web/dist` left by `pnpm demo` would add a route per file and change what the route tests see.
      WEB_DIST: join(tmpdir(), 'lianfang-no-web-app'),
      ...options.config,
    },
  );
  const app = await buildApp(config, options.logStream ? { logStream: options.logStream } : { logger: false });
  await bootstrapAdmin(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const adminToken = await login(app, 'admin', ADMIN_PASSWORD);
  return {
    app,
    url,
    adminToken,
    async close() {
      await app.close();
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { token: string }).token;
}

export async function api<T = unknown>(
  app: FastifyInstance,
  token: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
): Promise<{ status: number; body: T }> {
  const res = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() as T };
}
