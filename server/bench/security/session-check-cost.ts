/**
 * What a server-side session check costs an operator's REST request (issue 14).
 * Every request with a token now reads its session row and user; before, the
 * HMAC signature alone decided. Measured in one run, in alternating blocks:
 * `GET /api/auth/me` with a Bearer token through the whole Fastify app
 * (`app.inject`), with the real session check against the same request when the
 * check is swapped for the signature-only one (the baseline: the code before).
 * PGlite and PostgreSQL.
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/security/session-check-cost.ts [--requests=4000] [--driver=pglite,pg]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.js';
import { bootstrapAdmin } from '../../src/modules/users-auth/bootstrap-admin.js';
import { loadConfig } from '../../src/config.js';
import type { SessionClaims } from '../../src/modules/users-auth/session-tokens.js';
import pg from 'pg';
import { cliOptions, machine, nowMs, round, summarize } from '../core/lib/stats.js';

const o = cliOptions();
const REQUESTS = Number(o.requests ?? 4000);
const BLOCK = 200;
const drivers = String(o.driver ?? 'pglite,pg').split(',');

async function run(driver: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lf-session-bench-'));
  const database = driver === 'pg' ? await ownDatabase() : null;
  const config = loadConfig(
    {},
    {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ADMIN_PASSWORD: 'bench-admin-password',
      ANALYTICS_PREWARM_SECONDS: 0,
      ...(database ? { DATABASE_URL: database.url } : {}),
    },
  );
  const app = await buildApp(config, { logger: false });
  await bootstrapAdmin(app);
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'bench-admin-password' } });
  const token = login.json<{ token: string }>().token;
  const sessions = app.core.sessions;
  const real = sessions.resolve.bind(sessions);
  const claims = (await real(token))!;
  // The code before issue 14: the signature decides, the claims travel in the token.
  const signatureOnly = async (t: string | undefined): Promise<SessionClaims | null> => (sessions.tokens.verify(t) ? claims : null);
  const times = { check: [] as number[], signature: [] as number[] };
  for (let done = 0; done < REQUESTS; done += BLOCK) {
    const mode = (done / BLOCK) % 2 === 0 ? 'check' : 'signature';
    sessions.resolve = mode === 'check' ? real : signatureOnly;
    for (let i = 0; i < BLOCK; i++) {
      const t0 = nowMs();
      const res = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
      times[mode].push(nowMs() - t0);
      if (res.statusCode !== 200) throw new Error(`me: ${res.statusCode}`);
    }
  }
  sessions.resolve = real;
  await app.close();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
  const check = summarize(times.check);
  const signature = summarize(times.signature);
  return { driver, check, signature, ratioP50: round(check.p50 / signature.p50), addedP50Ms: round(check.p50 - signature.p50, 3) };
}

const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database of this run's own on the local PostgreSQL, dropped afterwards. */
async function ownDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lf_bench_sessions_${process.pid}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  return { url: ADMIN_URL.replace(/\/[^/]*$/, `/${name}`), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

const results = [];
for (const driver of drivers) results.push(await run(driver));
console.log(JSON.stringify({ bench: 'session-check-cost', requests: REQUESTS, machine: machine(), results }, null, 2));
