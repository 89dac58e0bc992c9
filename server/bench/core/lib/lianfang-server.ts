import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../src/config.js';
import type { Database } from '../../../src/db/database.js';

/**
 * The server sources under test: ./src, or a patched copy named by
 * LF_BENCH_SRC (how a proposed change is measured against the current code in
 * the same run without touching the working tree).
 */
const SRC = process.env.LF_BENCH_SRC ? `${pathToFileURL(resolve(process.env.LF_BENCH_SRC)).href}/` : new URL('../../../src/', import.meta.url).href;
const { buildApp } = (await import(`${SRC}app.js`)) as typeof import('../../../src/app.js');
const { bootstrapAdmin } = (await import(`${SRC}modules/users-auth/bootstrap-admin.js`)) as typeof import('../../../src/modules/users-auth/bootstrap-admin.js');
const { loadConfig } = (await import(`${SRC}config.js`)) as typeof import('../../../src/config.js');

const ADMIN_PASSWORD = 'bench-admin-password';

export interface BenchServer {
  app: FastifyInstance;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * The embedded default (PGlite in a temp dir, in-process log) on 127.0.0.1, an
 * admin logged in. The ingest rate limit is raised: the benches post many fixes
 * per tracker id and many alerts per device key on purpose.
 */
export async function startLianfang(overrides: Partial<Config> = {}, db?: (dir: string) => Promise<Database>): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'lf-bench-'));
  const config = loadConfig(
    {},
    {
      PORT: 0,
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      ADMIN_PASSWORD,
      LOG_LEVEL: 'silent',
      INGEST_RATE_PER_SECOND: 1_000_000,
      LOGIN_RATE_PER_MINUTE: 1000,
      LOGIN_RATE_PER_ADDRESS_PER_MINUTE: 1000,
      ...overrides,
    },
  );
  const app = await buildApp(config, { logger: false, ...(db ? { db: await db(join(dir, 'pglite')) } : {}) });
  await bootstrapAdmin(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const token = (login.json() as { token: string }).token;
  return {
    app,
    port,
    token,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `count` units through POST /api/units (a few in flight at once; commands serialise in the database anyway). */
export async function createUnits(server: BenchServer, count: number, prefix = 'B'): Promise<string[]> {
  const trackerIds = Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);
  const forces = ['police', 'security', 'merchant_guard', 'volunteer'] as const;
  const modes = ['foot', 'bike', 'moto', 'car'] as const;
  const inFlight = 8;
  for (let start = 0; start < count; start += inFlight) {
    await Promise.all(
      trackerIds.slice(start, start + inFlight).map(async (trackerId, j) => {
        const i = start + j;
        const res = await server.app.inject({
          method: 'POST',
          url: '/api/units',
          headers: { authorization: `Bearer ${server.token}` },
          payload: { callsign: `${prefix}-${i}`, force: forces[i % forces.length], mode: modes[i % modes.length], trackerId },
        });
        if (res.statusCode !== 201) throw new Error(`create unit ${trackerId}: ${res.statusCode} ${res.body}`);
      }),
    );
  }
  return trackerIds;
}

/**
 * Key areas over the ingest bench's trackers (cannon-proc.ts puts tracker i at
 * 31.2 + (i % 50) × 0.002, 121.45 + ⌊i / 50⌋ × 0.002): area k is a 0.005° square
 * around 3 × 3 of those points, so with 20 areas 180 of 2,000 trackers report
 * from inside one (the watcher's test and the visit minutes are on the hot path).
 */
export async function createKeyAreas(server: BenchServer, count: number): Promise<void> {
  for (let k = 0; k < count; k++) {
    const lat = 31.2 + (k % 5) * 0.01 - 0.0005;
    const lon = 121.45 + Math.floor(k / 5) * 0.01 - 0.0005;
    const ring = [
      [lon, lat],
      [lon + 0.005, lat],
      [lon + 0.005, lat + 0.005],
      [lon, lat + 0.005],
    ];
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/key-areas',
      headers: { authorization: `Bearer ${server.token}` },
      payload: { name: `Bench area ${k}`, ring, everyMinutes: 15, from: '00:00', to: '00:00' },
    });
    if (res.statusCode !== 201) throw new Error(`create key area ${k}: ${res.statusCode} ${res.body}`);
  }
}

/** An alert gateway with a fixed location (a shop's panic button); returns its key. */
export async function createGateway(server: BenchServer, name: string): Promise<string> {
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/devices',
    headers: { authorization: `Bearer ${server.token}` },
    payload: { name, kind: 'alert_gateway', lat: 31.2304, lon: 121.4737 },
  });
  if (res.statusCode !== 201) throw new Error(`create gateway: ${res.statusCode} ${res.body}`);
  return (res.json() as { key: string }).key;
}
