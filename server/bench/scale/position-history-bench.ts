/**
 * Position history at prefecture rate (issue 21), on PostgreSQL: day partitions (migration 029).
 *   - one unit's track for a day (`unitTracks`, the replay query) out of N history rows: goal < 100 ms;
 *   - dropping a day's partition (retention): goal < 1 s;
 *   - insert throughput, fixes/s: the multi-row insert the ingest uses (`savePositions`, one statement a batch)
 *     against one INSERT per fix, alternating blocks in the same run.
 * Data: `--units` units reporting evenly over `--days` UTC days, `--rows` rows in all, generated in
 * PostgreSQL with generate_series one day at a time, in time order (as the ingest writes them).
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/scale/position-history-bench.ts [--rows=10000000 --days=10 --units=5000 --batch=500 --fixes=20000] [--keep=NAME] [--drop=NAME]
 *   BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres)
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Position } from '@lianfang/shared';
import type { Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { createPgDatabase } from '../../src/db/pg-database.js';
import { TRACK_WINDOW, unitTracks } from '../../src/modules/analytics/unit-tracks.js';
import { dropPositionDaysBefore, ensurePositionDays, listPositionDays } from '../../src/modules/positions/position-partitions.js';
import { savePositions } from '../../src/modules/units/unit-repository.js';
import { cliOptions, machine, nowMs, printReport, round, summarize } from '../core/lib/stats.js';

const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.parse('2026-01-01T00:00:00Z');

async function admin(sql: string): Promise<number> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    return (await c.query(sql)).rowCount ?? 0;
  } finally {
    await c.end();
  }
}

const day = (k: number): string => new Date(FIRST_DAY + k * DAY_MS).toISOString().slice(0, 10);

/** `units` units, each `perDay` fixes a day at even steps, day by day: rows in server-time order. */
async function generate(db: Database, units: number, days: number, perDay: number): Promise<number> {
  await db.query(`INSERT INTO units (id, callsign, force, mode) SELECT 'u' || i, 'U-' || i, 'police', 'foot' FROM generate_series(0, $1::int - 1) AS i`, [
    units,
  ]);
  await ensurePositionDays(
    db,
    Array.from({ length: days }, (_, k) => day(k)),
  );
  const stepS = 86_400 / perDay;
  let rows = 0;
  for (let k = 0; k < days; k++) {
    const t = nowMs();
    // Each unit's fixes offset by its own fraction of a step, so the day's rows interleave units as live traffic does.
    await db.query(
      `INSERT INTO positions (unit_id, device_time, server_time, lat, lon, speed_kmh, heading, accuracy_m)
       SELECT 'u' || u, ts, ts + interval '800 milliseconds', 32.0 + (u % 100) * 0.002 + sin(s) * 0.001, 118.7 + (u / 100) * 0.002 + cos(s) * 0.001, 12, 90, 8
         FROM generate_series(0, $2::int - 1) AS s, generate_series(0, $3::int - 1) AS u,
              LATERAL (SELECT $1::timestamptz + make_interval(secs => (s + u::float8 / $3) * $4::float8)) AS x(ts)`,
      [new Date(FIRST_DAY + k * DAY_MS).toISOString(), perDay, units, stepS],
    );
    rows += perDay * units;
    console.error(`day ${day(k)}: ${perDay * units} rows in ${round((nowMs() - t) / 1000, 1)} s`);
  }
  // What autovacuum does to a day's partition once it stops growing: statistics and the visibility map
  // (the replay's size check is then an index-only scan).
  await db.query('VACUUM ANALYZE positions');
  return rows;
}

async function trackFigures(db: Database, units: number, days: number) {
  const times: number[] = [];
  let points = 0;
  // Units and days spread over the data; the first query of each is the cold one an operator waits for.
  for (let i = 0; i < 40; i++) {
    const unit = `u${(i * 7919) % units}`;
    const k = 2 + (i % Math.max(1, days - 3));
    const t = nowMs();
    const result = await unitTracks(db, [unit], new Date(FIRST_DAY + k * DAY_MS).toISOString(), new Date(FIRST_DAY + (k + 1) * DAY_MS).toISOString());
    times.push(nowMs() - t);
    if ('points' in result) points = result.points.length;
  }
  const plan = (
    await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT * FROM positions WHERE ${TRACK_WINDOW}`, [
      ['u1'],
      new Date(FIRST_DAY + DAY_MS).toISOString(),
      new Date(FIRST_DAY + 2 * DAY_MS).toISOString(),
    ])
  )
    .map((r) => r['QUERY PLAN'])
    .join('\n');
  const partitionsRead = new Set(plan.match(/positions_(p\d{8}|default)/g)).size;
  return { ...summarize(times), pointsPerTrack: points, partitionsRead };
}

const fixOf = (unit: string, ms: number): Position => {
  const iso = new Date(ms).toISOString();
  return {
    unitId: unit,
    lat: 32.1,
    lon: 118.8,
    speedKmh: 10,
    heading: 90,
    accuracyM: 5,
    altitudeM: null,
    battery: null,
    deviceTime: iso,
    serverTime: iso,
    flags: [],
  };
};

/** Batched (one multi-row statement per `batch` fixes) against one INSERT per fix, alternating blocks. */
async function insertFigures(db: Database, fixes: number, batch: number) {
  const lastDay = FIRST_DAY + 1 * DAY_MS; // into an existing day partition, as live traffic goes into today's
  let clock = lastDay + 3600_000;
  const next = (): Position => fixOf(`u${clock % 1000}`, clock++);
  const rates = { batched: [] as number[], single: [] as number[] };
  for (let round_ = 0; round_ < 4; round_++) {
    const mode = round_ % 2 === 0 ? 'batched' : 'single';
    const n = mode === 'batched' ? fixes : Math.ceil(fixes / 4);
    const rows = Array.from({ length: n }, next);
    const t = nowMs();
    if (mode === 'batched') for (let i = 0; i < n; i += batch) await savePositions(db, rows.slice(i, i + batch));
    else for (const row of rows) await savePositions(db, [row]);
    rates[mode].push(n / ((nowMs() - t) / 1000));
  }
  const median = (xs: number[]) => round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!, 0);
  return {
    batch,
    fixesPerSecondBatched: median(rates.batched),
    fixesPerSecondSingle: median(rates.single),
    ratio: round(median(rates.batched) / median(rates.single), 1),
  };
}

/** Retention's step: the oldest day partition (with --keep, each run drops the next oldest). */
async function dropFigure(db: Database) {
  const oldest = (await listPositionDays(db))[0]!;
  const [before] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM positions_p${oldest.replaceAll('-', '')}`);
  const cutoff = new Date(Date.parse(`${oldest}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  const t = nowMs();
  const dropped = await dropPositionDaysBefore(db, cutoff);
  return { ms: round(nowMs() - t, 1), dropped, rowsInDay: before!.n };
}

const o = cliOptions();
if (typeof o.drop === 'string') {
  await admin(`DROP DATABASE IF EXISTS lf_bench_positions_${o.drop} WITH (FORCE)`);
} else {
  const rowsWanted = Number(o.rows ?? 10_000_000);
  const days = Number(o.days ?? 10);
  const units = Number(o.units ?? 5000);
  const perDay = Math.max(1, Math.round(rowsWanted / days / units));
  const keep = typeof o.keep === 'string' ? o.keep : undefined;
  const name = `lf_bench_positions_${keep ?? randomBytes(5).toString('hex')}`;
  const existed = (await admin(`SELECT 1 FROM pg_database WHERE datname = '${name}'`)) === 1;
  if (!existed) await admin(`CREATE DATABASE ${name}`);
  const db = createPgDatabase(PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`), 1);
  try {
    let generateS: number | null = null;
    if (!existed) {
      await migrate(db);
      const t = nowMs();
      await generate(db, units, days, perDay);
      generateS = round((nowMs() - t) / 1000, 0);
    }
    const [count] = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM positions');
    const track = await trackFigures(db, units, days);
    const insert = await insertFigures(db, Number(o.fixes ?? 20_000), Number(o.batch ?? 500));
    // Last, since it removes the first day (with --keep, a later run drops the next one).
    const drop = await dropFigure(db);
    const summary = {
      historyRows: Number(count!.n),
      days,
      units,
      generateSeconds: generateS,
      partitions: (await listPositionDays(db)).length,
      trackForADay: track,
      dropADay: drop,
      insert,
      goals: { trackUnder100ms: track.p99 < 100, dropUnder1s: drop.ms < 1000 },
      machine: machine(),
    };
    printReport('position-history', summary, [
      {
        measure: 'one unit, one day (p50 / p99 ms)',
        value: `${track.p50} / ${track.p99}`,
        note: `${track.pointsPerTrack} points, ${track.partitionsRead} partitions read`,
      },
      { measure: 'drop a day partition (ms)', value: drop.ms, note: `${drop.rowsInDay} rows` },
      { measure: `insert, batches of ${insert.batch} (fixes/s)`, value: insert.fixesPerSecondBatched, note: `${insert.ratio}× one INSERT per fix` },
      { measure: 'insert, one INSERT per fix (fixes/s)', value: insert.fixesPerSecondSingle, note: 'baseline' },
    ]);
  } finally {
    await db.close();
    if (!keep) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
