/**
 * What the incident facts (migration 012) cost the live alert path: per-alert time
 * of the real first-press command (AlertService.raise → lf_open_alert_incident:
 * lock, incident, alert, timeline row, outbox, commit, applied) with the facts
 * triggers on, against the same command with them off (the baseline, same run,
 * alternating blocks of 50). Every timed press comes from a device of its own, so
 * it opens a new incident and writes a facts row. Also the trigger
 * alone inside the database (5,000-row DO loops, best of 3). PGlite and PostgreSQL.
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/analytics/facts-trigger-cost.ts [--alerts=400] [--driver=pglite,pg]
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { createCore, type Core } from '../../src/compose.js';
import type { Database } from '../../src/db/database.js';
import { createPgDatabase } from '../../src/db/pg-database.js';
import { createPgliteDatabase } from '../../src/db/pglite-database.js';
import { createDevice } from '../../src/modules/devices/device-repository.js';
import { cliOptions, machine, nowMs, round, summarize, type Summary } from '../core/lib/stats.js';
import { PG_ADMIN_URL } from './bench-database.js';

const o = cliOptions();
const ALERTS = Number(o.alerts ?? 400);
const BLOCK = 50;
const drivers = String(o.driver ?? 'pglite,pg').split(',');
type Mode = 'facts' | 'baseline';

async function openDb(driver: string): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (driver === 'pglite') return { db: await createPgliteDatabase(), drop: async () => {} };
  const name = `lf_bench_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  return { db: createPgDatabase(PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`)), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

const setFacts = (db: Database, on: boolean) =>
  db.exec(
    `ALTER TABLE incidents ${on ? 'ENABLE' : 'DISABLE'} TRIGGER incident_facts_insert; ALTER TABLE incidents ${on ? 'ENABLE' : 'DISABLE'} TRIGGER incident_facts_update`,
  );

async function run(driver: string) {
  const { db, drop } = await openDb(driver);
  const config = loadConfig({}, { DATA_DIR: tmpdir(), LOG_LEVEL: 'silent', ANALYTICS_PREWARM_SECONDS: 0 });
  const core: Core = await createCore(config, db, () => {});
  const devices: string[] = [];
  let joined = 0;
  for (let i = 0; i < 2 * ALERTS + 40; i++) devices.push((await db.tx((q) => createDevice(q, { name: `b${i}`, kind: 'alert_gateway' }))).device.id);
  const raise = async (i: number) => {
    const d = devices[i]!;
    const t0 = nowMs();
    const r = await core.alerts.raise({
      kind: 'panic',
      source: 'gateway',
      deviceId: d,
      unitId: null,
      fixedPoint: { lat: 31.2 + (i % 100) * 1e-3, lon: 121.4 },
      label: 'bench',
      actor: `device:${d}`,
    });
    const ms = nowMs() - t0;
    if (r.joined) joined++;
    return ms;
  };
  for (let i = 0; i < 40; i++) await raise(2 * ALERTS + i); // warm-up
  const times: Record<Mode, number[]> = { facts: [], baseline: [] };
  for (let n = 0, block = 0; n < 2 * ALERTS; block++) {
    const mode: Mode = block % 2 === 0 ? 'facts' : 'baseline';
    await setFacts(db, mode === 'facts');
    for (let i = 0; i < BLOCK; i++, n++) times[mode].push(await raise(n));
  }
  // The trigger alone: µs per incident insert inside the database, no round trips.
  const loop = (
    r: number,
  ) => `DO $$ BEGIN FOR n IN 1..5000 LOOP INSERT INTO incidents (id, status, category, priority, source, title, lat, lon, created_at, updated_at)
    VALUES ('loop-${r}-' || n, 'reported', 'other', 'P2', 'alert', 'bench', 31.2, 121.4, now(), now()); END LOOP; END $$`;
  const inDb: Record<Mode, number[]> = { facts: [], baseline: [] };
  for (let r = 0; r < 6; r++) {
    const mode: Mode = r % 2 === 0 ? 'facts' : 'baseline';
    await setFacts(db, mode === 'facts');
    const t0 = nowMs();
    await db.exec(loop(r));
    inDb[mode].push(((nowMs() - t0) * 1000) / 5000);
  }
  await setFacts(db, true);
  await db.exec('SELECT lf_rebuild_incident_facts()');
  const facts = summarize(times.facts);
  const baseline = summarize(times.baseline);
  const report = {
    driver,
    alerts: times.facts.length,
    joined,
    newIncidents: await db.query<{ n: number }>('SELECT count(*)::int AS n FROM incident_facts').then((r) => r[0]?.n),
    factsMs: facts,
    baselineMs: baseline,
    costPerAlertMs: round(facts.mean - baseline.mean, 3),
    ratioP50: round(facts.p50 / baseline.p50, 3),
    ratioMean: round(facts.mean / baseline.mean, 3),
    inDatabaseUsPerInsert: {
      facts: round(Math.min(...inDb.facts), 1),
      baseline: round(Math.min(...inDb.baseline), 1),
      cost: round(Math.min(...inDb.facts) - Math.min(...inDb.baseline), 1),
    },
  };
  await core.close();
  await drop();
  return report;
}

const results = [];
for (const d of drivers) results.push(await run(d));
const brief = (_key: string, v: unknown) =>
  v && typeof v === 'object' && 'p99' in v ? (({ p50, p99, mean }: Summary) => ({ p50, p99, mean }))(v as Summary) : v;
console.log(JSON.stringify({ bench: 'facts-trigger-cost', machine: machine(), results }, brief, 2));
