import { afterAll, describe, expect, it } from 'vitest';
import type { Position } from '@lianfang/shared';
import { migrate, readMigrations, splitStatements } from '../../../src/db/migrate.js';
import { createPgDatabase } from '../../../src/db/pg-database.js';
import { createPgliteDatabase } from '../../../src/db/pglite-database.js';
import type { Database } from '../../../src/db/database.js';
import { keyAreaComplianceFromPositions } from '../../../src/modules/analytics/key-area-compliance-from-positions.js';
import { TRACK_WINDOW, unitTracks } from '../../../src/modules/analytics/unit-tracks.js';
import { PositionHistoryMaintenance } from '../../../src/modules/positions/position-history-maintenance.js';
import { ensurePositionDays, listPositionDays } from '../../../src/modules/positions/position-partitions.js';
import { savePositions } from '../../../src/modules/units/unit-repository.js';
import { createTestDatabase } from '../../helpers/test-services.js';

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

const fix = (unitId: string, at: string, lat: number): Position => ({
  unitId,
  lat,
  lon: 118.78,
  speedKmh: 10,
  heading: 90,
  accuracyM: 5,
  altitudeM: null,
  battery: null,
  deviceTime: at,
  serverTime: at,
  flags: [],
});

async function partitionOf(db: Database, deviceTime: string): Promise<string[]> {
  const rows = await db.query<{ part: string }>(`SELECT tableoid::regclass::text AS part FROM positions WHERE device_time = $1 ORDER BY 1`, [deviceTime]);
  return rows.map((r) => r.part);
}

describe.each(['pglite', 'postgres'] as const)('position history in day partitions on %s', (driver) => {
  it('splits at UTC midnight, creates days ahead and on demand, replays across days in order, prunes, and drops only old days', async () => {
    let db: Database;
    if (driver === 'postgres') {
      const t = await createTestDatabase();
      db = createPgDatabase(t.url);
      closers.push(t.drop, () => db.close());
    } else {
      db = await createPgliteDatabase();
      closers.push(() => db.close());
    }
    await migrate(db);
    const [kind] = await db.query<{ relkind: string }>(`SELECT relkind::text FROM pg_class WHERE relname = 'positions'`);
    expect(kind!.relkind).toBe('p');
    await db.query(`INSERT INTO units (id, callsign, force, mode) VALUES ('u1', 'P-1', 'police', 'foot'), ('u2', 'P-2', 'police', 'foot')`);

    // Days ahead at a clock of our own: 2 March and the two days after it.
    const maintenance = new PositionHistoryMaintenance(db, 3);
    const first = await maintenance.run(Date.parse('2026-03-02T12:00:00Z'));
    expect(first.created).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect(first.dropped).toEqual([]);

    // One batch across midnight: 1 March has no partition yet, so its fix waits in the default one.
    const before = '2026-03-01T23:59:30.000Z';
    const after = '2026-03-02T00:00:30.000Z';
    await savePositions(db, [fix('u1', before, 32.01), fix('u1', after, 32.02), fix('u2', '2026-03-02T00:00:40.000Z', 32.5)]);
    expect(await partitionOf(db, before)).toEqual(['positions_default']);
    expect(await partitionOf(db, after)).toEqual(['positions_p20260302']);
    // The next beat gives 1 March its own partition and moves the row there.
    const second = await maintenance.run(Date.parse('2026-03-02T13:00:00Z'));
    expect(second.created).toEqual(['2026-03-01']);
    expect(await partitionOf(db, before)).toEqual(['positions_p20260301']);
    const [inDefault] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM positions_default');
    expect(inDefault!.n).toBe(0);
    // An old day and a later one, on demand: neither is in the replay window below.
    expect(await ensurePositionDays(db, ['2026-02-20', '2026-03-10'])).toEqual(['2026-02-20', '2026-03-10']);

    // Replay across the two days: both fixes of u1, in time order, none of u2's.
    const tracks = await unitTracks(db, ['u1'], '2026-03-01T23:00:00Z', '2026-03-02T01:00:00Z');
    expect('points' in tracks && tracks.points.map((p) => [p.at, p.lat])).toEqual([
      [before, 32.01],
      [after, 32.02],
    ]);

    // The replay's query reads only the partitions of its window (plan-time pruning).
    const plan = (
      await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT * FROM positions WHERE ${TRACK_WINDOW}`, [
        ['u1'],
        '2026-03-01T23:00:00Z',
        '2026-03-02T01:00:00Z',
      ])
    )
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    const scanned = [...new Set(plan.match(/positions_(p\d{8}|default)/g))].sort();
    expect(scanned).toEqual(['positions_p20260301', 'positions_p20260302', 'positions_p20260303']);

    // Key-area compliance from the fixes, over one day, reads that day's partition and the next (and 2 minutes of the one before).
    await db.query(
      `INSERT INTO key_areas (id, name, ring, every_minutes, from_hhmm, to_hhmm, created_at) VALUES ('k1', 'Gate', $1, 30, '00:00', '00:00', '2026-01-01')`,
      [
        JSON.stringify([
          [118.77, 32.0],
          [118.79, 32.0],
          [118.79, 32.03],
          [118.77, 32.03],
        ]),
      ],
    );
    const explained: string[] = [];
    const explaining = {
      query: async <R extends object>(sql: string, params?: readonly unknown[]) => {
        explained.push(...(await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).map((r) => r['QUERY PLAN']));
        return [] as R[];
      },
    };
    await keyAreaComplianceFromPositions({ db: explaining, timeZone: 'UTC' }, { from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' });
    expect([...new Set(explained.join('\n').match(/positions_(p\d{8}|default)/g))].sort()).toEqual([
      'positions_p20260301',
      'positions_p20260302',
      'positions_p20260303',
    ]);

    // Retention of 3 days on 4 March keeps 2 March onwards: 20 Feb and 1 March go, whole (and 5-6 March are made ahead).
    const third = await maintenance.run(Date.parse('2026-03-04T10:00:00Z'));
    expect(third.dropped).toEqual(['2026-02-20', '2026-03-01']);
    const days = await listPositionDays(db);
    expect(days.filter((d) => d < '2026-12-01')).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-10']);
    expect(await partitionOf(db, before)).toEqual([]);
    expect(await partitionOf(db, after)).toEqual(['positions_p20260302']);
    const [left] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM positions');
    expect(left!.n).toBe(2);
  });

  it('moves the history stored before migration 029 into day partitions', async () => {
    let db: Database;
    if (driver === 'postgres') {
      const t = await createTestDatabase();
      db = createPgDatabase(t.url);
      closers.push(t.drop, () => db.close());
    } else {
      db = await createPgliteDatabase();
      closers.push(() => db.close());
    }
    // The schema as it was before 029, applied the way migrate() records it.
    await db.exec('CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    for (const m of readMigrations().filter((m) => m.version < 29)) {
      for (const statement of splitStatements(m.sql)) await db.query(statement);
      await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    await savePositions(db, [
      fix('u1', '2025-05-01T10:00:00.000Z', 31.1),
      fix('u1', '2025-05-02T10:00:00.000Z', 31.2),
      fix('u2', '2025-05-02T11:00:00.000Z', 31.3),
    ]);
    expect(await migrate(db)).toContain('029_positions_partitioned_by_day.sql');
    const rows = await db.query<{ part: string; n: number }>(
      `SELECT tableoid::regclass::text AS part, count(*)::int AS n FROM positions GROUP BY 1 ORDER BY 1`,
    );
    expect(rows).toEqual([
      { part: 'positions_p20250501', n: 1 },
      { part: 'positions_p20250502', n: 2 },
    ]);
  });
});
