/**
 * The timeline hash chain on the alert hot path (issue 7): per-alert time of the
 * real alert command (AlertService.raise: lock, incident, alert, timeline row,
 * outbox, commit, applied) with the chain trigger on, against the same command with
 * the trigger off (the baseline, measured in the same run, in alternating blocks).
 * Also: the verifier's rows per second. PGlite and PostgreSQL.
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/security/timeline-chain-cost.ts [--alerts=600] [--devices=40] [--driver=pglite,pg]
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
import { appendTimeline } from '../../src/modules/incidents/incident-repository.js';
import { verifyTimelines } from '../../src/modules/audit/timeline-verifier.js';
import { cliOptions, machine, nowMs, round, summarize, type Summary } from '../core/lib/stats.js';

const o = cliOptions();
const ALERTS = Number(o.alerts ?? 600);
const DEVICES = Number(o.devices ?? 40);
const BLOCK = 50;
const drivers = String(o.driver ?? 'pglite,pg').split(',');

async function openDb(driver: string): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (driver === 'pglite') return { db: await createPgliteDatabase(), drop: async () => {} };
  const name = `lf_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    db: createPgDatabase(`postgres://postgres@127.0.0.1:5432/${name}`),
    drop: async () => {
      const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Baseline = the schema before migration 011 as far as the insert sees it: no chain trigger, hash may be null. */
async function setChain(db: Database, on: boolean): Promise<void> {
  await db.query(`ALTER TABLE incident_events ${on ? 'ENABLE' : 'DISABLE'} TRIGGER incident_events_chain`);
}

async function run(driver: string) {
  const { db, drop } = await openDb(driver);
  const config = loadConfig({}, { DATA_DIR: tmpdir(), LOG_LEVEL: 'silent', ANALYTICS_PREWARM_SECONDS: 0 });
  const core: Core = await createCore(config, db, () => {});
  await db.query('ALTER TABLE incident_events ALTER COLUMN hash DROP NOT NULL');
  const devices: string[] = [];
  for (let i = 0; i < DEVICES; i++) devices.push((await db.tx((q) => createDevice(q, { name: `b${i}`, kind: 'alert_gateway' }))).device.id);
  const raise = (i: number) =>
    core.alerts.raise({
      kind: 'panic',
      source: 'gateway',
      deviceId: devices[i % DEVICES]!,
      unitId: null,
      fixedPoint: { lat: 31.2 + (i % DEVICES) * 1e-3, lon: 121.4 },
      label: 'bench',
      actor: `device:${devices[i % DEVICES]}`,
    });
  for (let i = 0; i < 2 * DEVICES; i++) await raise(i); // warm-up: every device has an open incident with a chain
  const times: Record<'chain' | 'baseline', number[]> = { chain: [], baseline: [] };
  let n = 0;
  for (let block = 0; n < 2 * ALERTS; block++) {
    const mode = block % 2 === 0 ? 'chain' : 'baseline';
    await setChain(db, mode === 'chain');
    for (let i = 0; i < BLOCK; i++, n++) {
      const t0 = nowMs();
      await raise(n);
      times[mode].push(nowMs() - t0);
    }
  }
  // The chain alone: one timeline row per transaction (appendTimeline, what every command does), same blocks.
  const incidents = [...core.picture.incidents.keys()];
  const rowTimes: Record<'chain' | 'baseline', number[]> = { chain: [], baseline: [] };
  n = 0;
  for (let block = 0; n < 2 * ALERTS; block++) {
    const mode = block % 2 === 0 ? 'chain' : 'baseline';
    await setChain(db, mode === 'chain');
    for (let i = 0; i < BLOCK; i++, n++) {
      const t0 = nowMs();
      await db.tx((q) => appendTimeline(q, incidents[n % incidents.length]!, 'bench', 'bench_row', { n }));
      rowTimes[mode].push(nowMs() - t0);
    }
  }
  // Inside the database, no round trips: µs per row of the trigger itself (5,000-row DO loops, alternating, best of 3).
  const loop = (rows: number) => `DO $$ BEGIN FOR n IN 1..${rows} LOOP INSERT INTO incident_events (incident_id, at, actor, kind, data)
    VALUES ((ARRAY['${incidents.slice(0, 20).join("','")}'])[1 + n % ${Math.min(20, incidents.length)}], now(), 'device:bench', 'alert_joined', '{"alertId": "0b7f5f0e-aaaa-bbbb-cccc-1234567890ab", "kind": "panic"}'); END LOOP; END $$`;
  const inDb: Record<'chain' | 'baseline', number[]> = { chain: [], baseline: [] };
  for (let r = 0; r < 6; r++) {
    const mode = r % 2 === 0 ? 'chain' : 'baseline';
    await setChain(db, mode === 'chain');
    const t0 = nowMs();
    await db.exec(loop(5000));
    inDb[mode].push(((nowMs() - t0) * 1000) / 5000);
  }
  await setChain(db, true);
  // Verify speed: only chained rows are meaningful, but the walk reads them all.
  const v0 = nowMs();
  const report = await verifyTimelines(db);
  const verifyMs = nowMs() - v0;
  const rowChain = summarize(rowTimes.chain);
  const rowBase = summarize(rowTimes.baseline);
  const chain = summarize(times.chain);
  const baseline = summarize(times.baseline);
  await core.close();
  await drop();
  return {
    driver,
    alerts: times.chain.length,
    chainMs: chain,
    baselineMs: baseline,
    costPerAlertMs: round(chain.mean - baseline.mean, 3),
    ratioP50: round(chain.p50 / baseline.p50, 3),
    ratioMean: round(chain.mean / baseline.mean, 3),
    inDatabaseUsPerRow: {
      chain: round(Math.min(...inDb.chain), 1),
      baseline: round(Math.min(...inDb.baseline), 1),
      cost: round(Math.min(...inDb.chain) - Math.min(...inDb.baseline), 1),
    },
    timelineRow: {
      chainMs: rowChain,
      baselineMs: rowBase,
      costPerRowMs: round(rowChain.mean - rowBase.mean, 3),
      ratioP50: round(rowChain.p50 / rowBase.p50, 3),
    },
    verify: { rows: report.rows, ms: round(verifyMs, 1), rowsPerSecond: Math.round(report.rows / (verifyMs / 1000)) },
  };
}

const results = [];
for (const d of drivers) results.push(await run(d));
// Summaries shortened to p50 / p99 / mean for the record.
const brief = (_key: string, v: unknown) =>
  v && typeof v === 'object' && 'p99' in v ? (({ p50, p99, mean }: Summary) => ({ p50, p99, mean }))(v as Summary) : v;
console.log(JSON.stringify({ bench: 'timeline-chain-cost', machine: machine(), results }, brief, 2));
