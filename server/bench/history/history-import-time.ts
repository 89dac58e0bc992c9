/**
 * A district's year brought in (issue 17): the time from sending the file to reading the
 * report, for the check (dry run) and the import, as a spreadsheet (GB18030, Chinese headers,
 * local times, one row per unit) against the same cases as JSON (the baseline), each on a
 * fresh database, through a real HTTP server.
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/history/history-import-time.ts [--cases=8930] [--pg]
 *
 * 8,930 cases is the year of the district the issue quotes (8,775 concluded of 8,930 received).
 * --pg: PostgreSQL at BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres), a
 * database of its own created and dropped; else PGlite in a temp dir.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import pg from 'pg';
import { HISTORY_CSV_CHINESE_HEADERS, type HistoryIncident, type ImportReport } from '@lianfang/shared';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { bootstrapAdmin } from '../../src/modules/users-auth/bootstrap-admin.js';
import { cliOptions } from '../core/lib/stats.js';

const o = cliOptions();
const CASES = Number(o.cases ?? 8930);
const USE_PG = Boolean(o.pg);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const UNITS = 40;
const PASSWORD = 'bench-history-password';

/** mulberry32: the same year every run */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function year(n: number): HistoryIncident[] {
  const r = random(20261207);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const start = Date.parse('2025-01-01T00:00:00+08:00');
  const iso = (ms: number) => new Date(ms).toISOString();
  const out: HistoryIncident[] = [];
  for (let i = 0; i < n; i++) {
    const received = start + Math.floor((i / n) * 364 * 86_400_000) + Math.floor(r() * 3_600_000);
    const units = 1 + Math.floor(r() * r() * 3);
    const callsigns = new Set<string>();
    while (callsigns.size < units) callsigns.add(`巡逻${String(1 + Math.floor(r() * UNITS)).padStart(2, '0')}`);
    const resolved = received + 1_800_000 + Math.floor(r() * 3_600_000);
    const c: HistoryIncident = {
      externalId: `2025-${String(i + 1).padStart(6, '0')}`,
      category: pick(['dispute', 'public_order', 'traffic', 'criminal', 'assistance', 'other'] as const),
      priority: pick(['P1', 'P2', 'P2', 'P3', 'P3', 'P3', 'P4'] as const),
      source: pick(['call', 'call', 'alert'] as const),
      title: `案件 ${i + 1}`,
      lat: 32.03 + r() * 0.03,
      lon: 118.76 + r() * 0.04,
      receivedAt: iso(received),
      units: [...callsigns].map((callsign, k) => {
        const d = received + 20_000 + k * 15_000 + Math.floor(r() * 40_000);
        const e = d + 10_000 + Math.floor(r() * 50_000);
        return { callsign, dispatchedAt: iso(d), acknowledgedAt: iso(d + 5_000), enRouteAt: iso(e), onSceneAt: iso(e + 60_000 + Math.floor(r() * 600_000)) };
      }),
    };
    const roll = r();
    if (roll < 0.02) Object.assign(c, { cancelledAt: iso(received + 600_000), cancelledAs: 'false_alarm' });
    else if (roll < 0.05) Object.assign(c, { cancelledAt: iso(received + 600_000), cancelledAs: 'cancelled' });
    else {
      Object.assign(c, { resolvedAt: iso(resolved), outcome: pick(['solved_on_site', 'mediated', 'referred', 'no_action'] as const), settledLevel: 'grid' });
      if (r() < 0.6) Object.assign(c, { evaluatedAt: iso(resolved + 86_400_000), rating: 3 + Math.floor(r() * 3) });
    }
    // a stood-down case's units never arrived
    if (c.cancelledAt) c.units = c.units!.map((u) => ({ callsign: u.callsign, dispatchedAt: u.dispatchedAt, acknowledgedAt: u.acknowledgedAt! }));
    out.push(c);
  }
  return out;
}

const CASE_COLS = [
  'externalId',
  'category',
  'priority',
  'source',
  'title',
  'lat',
  'lon',
  'receivedAt',
  'resolvedAt',
  'outcome',
  'settledLevel',
  'evaluatedAt',
  'rating',
  'cancelledAt',
  'cancelledAs',
] as const;
const UNIT_COLS = ['callsign', 'dispatchedAt', 'acknowledgedAt', 'enRouteAt', 'onSceneAt'] as const;

/** As the old system's export: Chinese headers, Asia/Shanghai wall-clock times, GB18030. */
function spreadsheet(cases: HistoryIncident[]): Buffer {
  const local = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
  const cell = (v: unknown) => (v === undefined ? '' : typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? local(v) : String(v));
  const lines = [[...CASE_COLS, ...UNIT_COLS].map((c) => HISTORY_CSV_CHINESE_HEADERS[c]).join(',')];
  for (const c of cases) {
    const own = CASE_COLS.map((k) => cell(c[k]));
    for (const u of c.units ?? []) lines.push([...own, ...UNIT_COLS.map((k) => cell(u[k]))].join(','));
  }
  return iconv.encode(lines.join('\r\n') + '\r\n', 'gb18030');
}

interface Timed {
  checkMs: number;
  importMs: number;
  created: number;
  encoding?: string;
}

/** A fresh database and server; the file checked, then imported, each timed from send to report. */
async function run(body: Buffer, contentType: string): Promise<Timed> {
  const dir = mkdtempSync(join(tmpdir(), 'lf-history-bench-'));
  const dbName = `bench_history_${process.pid}_${Date.now()}`;
  const admin = USE_PG ? new pg.Client({ connectionString: PG_URL }) : null;
  if (admin) {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
  }
  const dbUrl = USE_PG ? PG_URL.replace(/\/[^/]*$/, `/${dbName}`) : undefined;
  const config = loadConfig(
    {},
    {
      PORT: 0,
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      ADMIN_PASSWORD: PASSWORD,
      ANALYTICS_PREWARM_SECONDS: 0,
      ...(dbUrl ? { DATABASE_URL: dbUrl } : {}),
    },
  );
  const app = await buildApp(config, { logger: false });
  try {
    await bootstrapAdmin(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    for (let i = 1; i <= UNITS; i++)
      await app.core.db.query(`INSERT INTO units (id, callsign, force, mode) VALUES ($1, $2, 'police', 'car')`, [
        `bu${i}`,
        `巡逻${String(i).padStart(2, '0')}`,
      ]);
    const send = async (dryRun: boolean) => {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/admin/import/incidents?dryRun=${dryRun}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
        body,
      });
      const report = (await res.json()) as ImportReport;
      const ms = performance.now() - t0;
      if (res.status !== 200 || report.counts.reject > 0)
        throw new Error(`import refused: ${res.status} ${JSON.stringify(report.rows.find((r) => r.action === 'reject') ?? report)}`);
      return { ms, report };
    };
    const check = await send(true);
    const applied = await send(false);
    return {
      checkMs: Math.round(check.ms),
      importMs: Math.round(applied.ms),
      created: applied.report.counts.create,
      ...(applied.report.encoding ? { encoding: applied.report.encoding } : {}),
    };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
}

const cases = year(CASES);
const json = Buffer.from(JSON.stringify({ incidents: cases }));
const csv = spreadsheet(cases);
const loadBefore = Number(loadavg()[0]!.toFixed(1));
const baseline = await run(json, 'application/json');
const sheet = await run(csv, 'text/csv');
console.log(
  JSON.stringify({
    driver: USE_PG ? 'postgres' : 'pglite',
    cases: CASES,
    assignments: cases.reduce((n, c) => n + (c.units?.length ?? 0), 0),
    bytes: { json: json.length, csv: csv.length },
    json: baseline,
    csv: sheet,
    ratio: { check: Number((sheet.checkMs / baseline.checkMs).toFixed(2)), import: Number((sheet.importMs / baseline.importMs).toFixed(2)) },
    loadBefore,
    loadAfter: Number(loadavg()[0]!.toFixed(1)),
  }),
);
