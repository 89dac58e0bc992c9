/**
 * Diagnostic: what one position flush costs in PGlite, statement by statement,
 * and what cheaper formulations would cost. PGlite runs each statement
 * synchronously on the server's event loop, so these milliseconds are
 * milliseconds of blocked loop (ingest replies and alerts wait).
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/core/flush-cost.ts [--batch=600 --units=2000 --runs=15]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Position } from '@lianfang/shared';
import { migrate } from '../../src/db/migrate.js';
import { PGlite, types } from '@electric-sql/pglite';
import type { Database, Queryable } from '../../src/db/database.js';
import { savePositions } from '../../src/modules/units/unit-repository.js';
import { saveVisitMinutes } from '../../src/modules/key-areas/key-area-visit-minutes.js';
import { cliOptions, isMain, machine, nowMs, printReport, round } from './lib/stats.js';

export async function benchmarkFlushCost(options: { batch?: number; units?: number; runs?: number } = {}) {
  const batch = options.batch ?? 600;
  const unitCount = options.units ?? 2000;
  const runs = options.runs ?? 15;
  const dir = mkdtempSync(join(tmpdir(), 'lf-flush-'));
  // The same PGlite setup as src/db/pglite-database.ts, kept raw here for COPY … FROM '/dev/blob'.
  const pg = await PGlite.create(join(dir, 'pglite'), { parsers: { [types.INT8]: (v: string) => Number(v), [types.NUMERIC]: (v: string) => Number(v) } });
  const wrap = (t: Pick<PGlite, 'query'>): Queryable => ({
    query: async <R extends object>(sql: string, params?: readonly unknown[]) => (await t.query<R>(sql, params as unknown[])).rows,
  });
  const db: Database = {
    driver: 'pglite',
    ...wrap(pg),
    tx: (fn) => pg.transaction((t) => fn(wrap(t))),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    close: () => pg.close(),
  };
  try {
    await migrate(db);
    const ids = Array.from({ length: unitCount }, () => randomUUID());
    await db.query(
      `INSERT INTO units (id, callsign, force, mode, tracker_id) SELECT id, 'C' || n, 'police', 'car', 'T' || n FROM unnest($1::text[]) WITH ORDINALITY AS x(id, n)`,
      [ids],
    );
    await db.exec(`CREATE TABLE events_json (seq bigint PRIMARY KEY, at timestamptz NOT NULL, type text NOT NULL, payload json NOT NULL);
      CREATE TABLE positions_noidx (LIKE positions INCLUDING DEFAULTS);`);
    let round_ = 0;
    let seq = 0;
    let minute = Math.floor(Date.now() / 60_000);
    const makeBatch = (): Position[] => {
      round_++;
      return Array.from({ length: batch }, (_, i) => ({
        unitId: ids[(round_ * batch + i) % unitCount]!,
        lat: 31.2 + i * 1e-4,
        lon: 121.4 + round_ * 1e-5,
        speedKmh: 9.26,
        heading: 90,
        accuracyM: null,
        altitudeM: null,
        battery: null,
        deviceTime: new Date(Date.now() + round_).toISOString(),
        serverTime: new Date().toISOString(),
        flags: [],
      }));
    };
    const col = (ps: Position[], k: keyof Position) => ps.map((p) => p[k]);
    const insertPositions = (q: Queryable, ps: Position[], table = 'positions') =>
      q.query(
        `INSERT INTO ${table} (unit_id, device_time, server_time, lat, lon, speed_kmh, heading, accuracy_m, altitude_m, battery, flags)
       SELECT u, dt, st, la, lo, sp, hd, ac, al, ba, string_to_array(fl, ',')
       FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::float8[], $5::float8[], $6::real[], $7::real[], $8::real[], $9::real[], $10::real[], $11::text[])
         AS x(u, dt, st, la, lo, sp, hd, ac, al, ba, fl)`,
        [
          col(ps, 'unitId'),
          col(ps, 'deviceTime'),
          col(ps, 'serverTime'),
          col(ps, 'lat'),
          col(ps, 'lon'),
          col(ps, 'speedKmh'),
          col(ps, 'heading'),
          col(ps, 'accuracyM'),
          col(ps, 'altitudeM'),
          col(ps, 'battery'),
          ps.map((p) => p.flags.join(',')),
        ],
      );
    const updateLastFix = (q: Queryable, ps: Position[]) => {
      const latest = new Map<string, Position>();
      for (const p of ps) latest.set(p.unitId, p);
      return q.query('UPDATE units SET last_fix = x.f FROM unnest($1::text[], $2::jsonb[]) AS x(id, f) WHERE units.id = x.id', [
        [...latest.keys()],
        [...latest.values()].map((p) => JSON.stringify(p)),
      ]);
    };
    const insertEvent = (q: Queryable, ps: Position[], table = 'events') =>
      q.query(
        `INSERT INTO ${table} (seq, at, type, payload) SELECT s, $2, t, p FROM unnest($1::bigint[], $3::text[], $4::${table === 'events' ? 'jsonb' : 'json'}[]) AS x(s, t, p)`,
        [[++seq], new Date().toISOString(), ['unit.positions'], [JSON.stringify({ type: 'unit.positions', positions: ps })]],
      );
    const insertPositionsJson = (q: Queryable, ps: Position[]) =>
      q.query(
        `INSERT INTO positions (unit_id, device_time, server_time, lat, lon, speed_kmh, heading, accuracy_m, altitude_m, battery, flags)
       SELECT "unitId", "deviceTime", "serverTime", lat, lon, "speedKmh", heading, "accuracyM", "altitudeM", battery, '{}'::text[]
       FROM jsonb_to_recordset($1::jsonb) AS x("unitId" text, "deviceTime" timestamptz, "serverTime" timestamptz, lat float8, lon float8,
         "speedKmh" real, heading real, "accuracyM" real, "altitudeM" real, battery real)`,
        [JSON.stringify(ps)],
      );
    const csv = (v: unknown) => (v === null ? '' : String(v));
    const copyPositions = async (ps: Position[]) => {
      const text = ps
        .map((p) =>
          [p.unitId, p.deviceTime, p.serverTime, p.lat, p.lon, p.speedKmh, p.heading, p.accuracyM, p.altitudeM, p.battery, `{${p.flags.join(',')}}`]
            .map(csv)
            .join(','),
        )
        .join('\n');
      await pg.query(
        `COPY positions (unit_id, device_time, server_time, lat, lon, speed_kmh, heading, accuracy_m, altitude_m, battery, flags) FROM '/dev/blob' WITH (FORMAT csv)`,
        [],
        { blob: new Blob([text]) },
      );
    };
    const readBack = (q: Queryable) => q.query('SELECT seq, at, payload FROM events WHERE seq > $1 AND seq < $2 ORDER BY seq LIMIT 500', [seq - 1, seq + 1]);

    const variants: [string, (ps: Position[]) => Promise<unknown>][] = [
      [
        'whole flush today (savePositions + event + relay read-back)',
        (ps) =>
          db
            .tx(async (q) => {
              await savePositions(q, ps);
              await insertEvent(q, ps);
            })
            .then(() => readBack(db)),
      ],
      ['savePositions (INSERT history + UPDATE units.last_fix)', (ps) => db.tx((q) => savePositions(q, ps))],
      ['INSERT positions (unnest) only', (ps) => insertPositions(db, ps)],
      ['INSERT positions, table without the (unit_id, device_time) index', (ps) => insertPositions(db, ps, 'positions_noidx')],
      ['INSERT positions from one jsonb parameter (jsonb_to_recordset)', (ps) => insertPositionsJson(db, ps)],
      ['COPY positions FROM a CSV blob', (ps) => copyPositions(ps)],
      ['UPDATE units.last_fix only', (ps) => updateLastFix(db, ps)],
      ['INSERT events row, payload jsonb (today)', (ps) => insertEvent(db, ps)],
      ['INSERT events row, payload json (no jsonb parse)', (ps) => insertEvent(db, ps, 'events_json')],
      ['relay read-back of that events row', () => readBack(db)],
      // What a batch adds when units are inside key areas (migration 016): a handful of new visit minutes.
      [
        'INSERT key_area_visit_minutes, 5 rows (saveVisitMinutes)',
        () =>
          saveVisitMinutes(
            db,
            Array.from({ length: 5 }, (_, i) => ({ keyAreaId: `k${i}`, unitId: ids[i]!, minuteMs: ++minute * 60_000 })),
          ),
      ],
    ];
    const rows: { statement: string; msPerFlush: number; usPerPosition: number }[] = [];
    for (const [name, run] of variants) {
      await run(makeBatch()); // warm-up
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const ps = makeBatch();
        const t0 = nowMs();
        await run(ps);
        times.push(nowMs() - t0);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)]!;
      rows.push({ statement: name, msPerFlush: round(median), usPerPosition: round((median * 1000) / batch, 1) });
    }
    const result = { ...machine(), batch, units: unitCount, runs, rows };
    printReport('core-flush-cost', result, rows);
    return result;
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const o = cliOptions();
  await benchmarkFlushCost({
    ...(o.batch ? { batch: Number(o.batch) } : {}),
    ...(o.units ? { units: Number(o.units) } : {}),
    ...(o.runs ? { runs: Number(o.runs) } : {}),
  });
}
