/**
 * Managers' analytics on a year of data in real PostgreSQL:
 *   cd server && npx tsx --conditions=lianfang-src bench/analytics/analytics-bench.ts [--incidents=1000000] [--budget-minutes=10] [--no-events] [--position-days=7] [--coverage-days=90] [--keep=NAME] [--drop=NAME] [--match=TEXT] [--serial] [--modes=cold,warm,prewarmed]
 * Creates its own database with every migration, generates the data in SQL (triggers off, as a bulk load),
 * fills the incident facts (migration 012's rebuild), ANALYZEs, then within --budget-minutes times every
 * dashboard query (median and max of 5 after 1 warm-up) twice: `cold`, with the instance's kept figures of
 * settled periods cleared before every run (every period from the facts: a first request), then `warm`, as the
 * routes serve them (the warm-up keeps the settled periods), then `prewarmed`: the kept figures cleared, the
 * server's pre-warm run once (settled-prewarm.ts) and each query's first request timed (`--modes=` picks some),
 * and drops the database at the end whatever happens.
 * `--keep=NAME` keeps the database (lf_bench_analytics_NAME) and reuses it on the next run
 * with the same name: the data is generated once, then only the timings are taken (migrations
 * added since are applied first, as a server would).
 * `--drop=NAME` drops it. `--match=TEXT` times only the queries whose name contains TEXT. `--serial` turns
 * parallel workers off, so that the backend CPU reported is all of a query's CPU (a worker's is not in it).
 */
import { cpus, loadavg } from 'node:os';
import type { Database } from '../../src/db/database.js';
import { inAnalyticsSession } from '../../src/modules/analytics/analytics-session.js';
import { settledFiguresOf } from '../../src/modules/analytics/settled-figures.js';
import { SettledPrewarm } from '../../src/modules/analytics/settled-prewarm.js';
import { isMain, printReport, round } from '../routing/bench-report.js';
import { migrate } from '../../src/db/migrate.js';
import { createBenchDatabase, dropKeptDatabase } from './bench-database.js';
import { BENCH_TIME_ZONE, generationSteps, runStep } from './bench-data.js';
import { DASHBOARD_QUERIES, PREWARM_UNTIL } from './bench-queries.js';
import { backendCpuMs } from './backend-cpu.js';
import { timeQueries, type QueryTiming } from './time-queries.js';

export interface AnalyticsBenchOptions {
  incidents?: number;
  budgetMinutes?: number;
  events?: boolean;
  positionDays?: number;
  coverageDays?: number;
  keep?: string;
  match?: string;
  serial?: boolean;
  modes?: BenchMode[];
}

type BenchMode = 'cold' | 'warm' | 'prewarmed';
const BENCH_MODES: readonly BenchMode[] = ['cold', 'warm', 'prewarmed'];

export interface AnalyticsBenchReport {
  machine: { nproc: number; cpu: string; node: string; postgres: string };
  incidents: number;
  generation: { step: string; seconds: number }[];
  tables: Record<string, { rows: number; mb: number }>;
  /** every run computes every period from the facts (kept figures cleared): a first request, or one after every period changed */
  cold: QueryTiming[];
  /** as the routes serve them: settled periods kept by the warm-up, today (and anything changed) from the facts */
  warm: QueryTiming[];
  /** after the server's pre-warm: each query's first request is its `warmupMs` */
  prewarmed: QueryTiming[];
  prewarm: { tables: number; seconds: number; keptEntries: number; keptBytes: number; keptMB: number } | undefined;
  loadavg: { generation: number[]; cold: number[]; warm: number[]; prewarmed: number[] };
  totalSeconds: number;
}

const GOAL_MS = 500;
const load = () => loadavg().map((v) => round(v, 2));

export async function runAnalyticsBenchmarks(o: AnalyticsBenchOptions = {}): Promise<AnalyticsBenchReport> {
  const incidents = o.incidents ?? 1_000_000;
  const started = Date.now();
  // A statement may take a minute at most: the budget stays bounded even on a crowded machine.
  const bench = await createBenchDatabase(60_000, o.keep, o.serial ?? false);
  const dropOnSignal = () => void bench.drop().finally(() => process.exit(130));
  process.once('SIGINT', dropOnSignal);
  try {
    const { db } = bench;
    const [{ server_version: version }] = (await db.query<{ server_version: string }>('SHOW server_version')) as [{ server_version: string }];
    const generation: AnalyticsBenchReport['generation'] = [];
    const loadGeneration = load();
    const reused = bench.existed;
    // As a server would at start: every migration not applied yet (all of them on a new database).
    await migrate(db);
    if (!reused) {
      // The timeline is bulk-loaded without its hash chain (issue 7's trigger is off in a bulk load, and
      // analytics never read it); everything else is as the server writes it.
      await db.exec('ALTER TABLE incident_events ALTER COLUMN hash DROP NOT NULL');
      for (const step of generationSteps({ incidents, events: o.events ?? true, positionDays: o.positionDays ?? 7, coverageDays: o.coverageDays ?? 90 })) {
        const seconds = await runStep(db, step);
        generation.push({ step: step.name, seconds: round(seconds, 1) });
        console.error(`generated ${step.name} in ${round(seconds, 1)} s`);
      }
      // The triggers were off during the load: fill the facts the way migration 012 does.
      const factsStarted = performance.now();
      // its own limit, like the generation steps: 18 s on a quiet box, over the session's 60 s when the box is busy
      await db.tx(async (q) => {
        await q.query(`SET LOCAL statement_timeout = '10min'`);
        await q.query('SELECT lf_rebuild_incident_facts()');
      });
      generation.push({ step: 'incident facts', seconds: round((performance.now() - factsStarted) / 1000, 1) });
      const analyzeStarted = performance.now();
      await db.exec('ANALYZE');
      generation.push({ step: 'ANALYZE', seconds: round((performance.now() - analyzeStarted) / 1000, 1) });
    }
    const tables = await tableSizes(db);
    // The budget is for timing: generating 1M incidents takes 2–8 min on a shared 2-core machine and must not eat it.
    const deadline = Date.now() + (o.budgetMinutes ?? 10) * 60_000;

    const queries = DASHBOARD_QUERIES.filter((q) => q.name.includes(o.match ?? ''));
    const settled = settledFiguresOf(db);
    const modes = o.modes ?? ['cold', 'warm', 'prewarmed'];
    let prewarm: AnalyticsBenchReport['prewarm'];
    const time = async (mode: BenchMode) => {
      if (!modes.includes(mode)) return { timings: [] as QueryTiming[], load: [] as number[] };
      settled.clear();
      const loadStart = load();
      if (mode === 'prewarmed') {
        // what a server does a minute after its start (settled-prewarm.ts), over the 13 months that end with the data
        await new SettledPrewarm(
          db,
          BENCH_TIME_ZONE,
          (err) => {
            throw err;
          },
          (report) => (prewarm = { ...report, keptMB: round(report.keptBytes / 1048576, 1) }),
        ).run(PREWARM_UNTIL);
        console.error(`pre-warm: ${JSON.stringify(prewarm)}`);
      }
      const run = (q: (typeof DASHBOARD_QUERIES)[number]) => {
        if (mode === 'cold') settled.clear();
        return inAnalyticsSession(db, BENCH_TIME_ZONE, q.run);
      };
      console.error(`-- ${mode}`);
      const timings = await timeQueries(queries, run, deadline, () => backendCpuMs(db));
      if (mode === 'warm') console.error(`kept after the warm runs: ${settled.size.entries} periods, ${round(settled.size.bytes / 1048576, 1)} MB`);
      return { timings, load: [...loadStart, ...load()] };
    };
    const cold = await time('cold');
    const warm = await time('warm');
    // first request of each table after the pre-warm (its warm-up run): what a manager meets after a restart
    const prewarmed = await time('prewarmed');

    const report: AnalyticsBenchReport = {
      machine: { nproc: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, postgres: version },
      // a reused database has what it was generated with, whatever --incidents says now
      incidents: reused ? (tables.incidents?.rows ?? incidents) : incidents,
      generation,
      tables,
      cold: cold.timings,
      warm: warm.timings,
      prewarmed: prewarmed.timings,
      prewarm,
      loadavg: { generation: loadGeneration, cold: cold.load, warm: warm.load, prewarmed: prewarmed.load },
      totalSeconds: round((Date.now() - started) / 1000, 1),
    };
    const names = [...new Set([...cold.timings, ...warm.timings, ...prewarmed.timings].map((t) => t.name))];
    printReport(
      'analytics',
      { ...report, goalMs: GOAL_MS },
      names.map((name) => {
        const c = cold.timings.find((t) => t.name === name);
        const w = warm.timings.find((t) => t.name === name);
        const p = prewarmed.timings.find((t) => t.name === name);
        const met = (t: QueryTiming | undefined) => (t === undefined || t.maxMs === null ? '' : t.maxMs < GOAL_MS ? 'ok' : 'MISS');
        return {
          query: name,
          rows: c?.rows ?? w?.rows ?? '',
          coldMs: c?.medianMs ?? '',
          coldMaxMs: c?.maxMs ?? '',
          coldCpuMs: c?.cpuMs ?? '',
          cold: met(c),
          warmMs: w?.medianMs ?? '',
          warmMaxMs: w?.maxMs ?? '',
          warmCpuMs: w?.cpuMs ?? '',
          warm: met(w),
          firstAfterPrewarmMs: p?.warmupMs ?? '',
          firstAfterPrewarm: p?.warmupMs == null ? '' : p.warmupMs < GOAL_MS ? 'ok' : 'MISS',
        };
      }),
    );
    return report;
  } finally {
    process.removeListener('SIGINT', dropOnSignal);
    await bench.drop();
  }
}

async function tableSizes(db: Database): Promise<AnalyticsBenchReport['tables']> {
  const rows = await db.query<{ name: string; rows: number; mb: number }>(
    `SELECT relname AS name, reltuples::bigint AS rows, round(pg_total_relation_size(oid) / 1048576.0, 1)::float8 AS mb
       FROM pg_class WHERE relname IN ('incidents','incident_units','incident_events','positions','coverage_samples') ORDER BY relname`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, { rows: r.rows, mb: r.mb }]));
}

function cliOptions(): AnalyticsBenchOptions {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  return {
    ...(arg('incidents') ? { incidents: Number(arg('incidents')) } : {}),
    ...(arg('budget-minutes') ? { budgetMinutes: Number(arg('budget-minutes')) } : {}),
    ...(arg('position-days') ? { positionDays: Number(arg('position-days')) } : {}),
    ...(arg('coverage-days') ? { coverageDays: Number(arg('coverage-days')) } : {}),
    ...(arg('keep') ? { keep: arg('keep') } : {}),
    ...(arg('match') ? { match: arg('match') } : {}),
    ...(arg('modes')
      ? {
          modes: arg('modes')!
            .split(',')
            .filter((m): m is BenchMode => (BENCH_MODES as readonly string[]).includes(m)),
        }
      : {}),
    events: !process.argv.includes('--no-events'),
    serial: process.argv.includes('--serial'),
  };
}

if (isMain(import.meta.url)) {
  const drop = process.argv.find((a) => a.startsWith('--drop='))?.split('=')[1];
  if (drop) await dropKeptDatabase(drop);
  else await runAnalyticsBenchmarks(cliOptions());
}
