import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsGrouping, ClosureQuery, ResponseQuery } from '@lianfang/shared';
import { inAnalyticsSession } from '../../../src/modules/analytics/analytics-session.js';
import { categoryChange } from '../../../src/modules/analytics/category-change.js';
import { closureMeasures } from '../../../src/modules/analytics/closure-measures.js';
import { incidentHeatmap } from '../../../src/modules/analytics/incident-heatmap.js';
import { responseHistogram } from '../../../src/modules/analytics/response-histogram.js';
import { responseMeasures } from '../../../src/modules/analytics/response-measures.js';
import { settledFiguresOf, SettledFigures } from '../../../src/modules/analytics/settled-figures.js';
import { SettledPrewarm } from '../../../src/modules/analytics/settled-prewarm.js';
import { unitActivity } from '../../../src/modules/analytics/unit-activity.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createTestDatabase } from '../../helpers/test-services.js';
import { localInstant, seedGeography, seedIncidents, WINDOW } from './analytics-seed.js';

/**
 * Settled periods (past months, past days of this month) are kept per instance
 * and reused while none of their incidents changed; today is always read from
 * the facts. Whatever happens to the incidents, a kept answer must equal the
 * answer computed from nothing (the kept figures cleared) at the same moment.
 */
const GROUPINGS = ['day', 'week', 'month', 'priority', 'category', 'grid', 'force', 'team', 'shift'] as const;
// from the seeded week in March 2024 to tomorrow: many settled months, this month's days, and today
// (longer than the API's 366 days, so the measures are called as the routes call them, without the window check)
// fixed once: the change table's previous period is measured back from the window's length
const TOMORROW = new Date(Date.now() + 86_400_000).toISOString();
const tomorrow = () => TOMORROW;
type Filters = Omit<ResponseQuery, 'groupBy' | 'percentiles'>;
const longWindow = (): Filters => ({ from: new Date(WINDOW.from).toISOString(), to: tomorrow() });
type Replies = Record<string, unknown>;

describe.each(['pglite', 'postgres'] as const)('kept figures of settled periods (%s)', (driver) => {
  let t: TestApp;
  let url: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  const kept = () => settledFiguresOf(t.app.core.db);
  const run = <T>(fn: Parameters<typeof inAnalyticsSession<T>>[2]) => inAnalyticsSession(t.app.core.db, 'Asia/Shanghai', fn);
  const response = (q: Filters, groupBy: AnalyticsGrouping) => run((ctx) => responseMeasures(ctx, { ...q, groupBy }));
  const closure = (q: Filters, groupBy: AnalyticsGrouping) => run((ctx) => closureMeasures(ctx, { ...q, groupBy } as ClosureQuery));
  const fetchAll = async (q: Filters): Promise<Replies> => {
    const out: Replies = {};
    for (const groupBy of GROUPINGS) {
      out[`response/${groupBy}`] = await response(q, groupBy);
      out[`closure/${groupBy}`] = await closure(q, groupBy);
    }
    // the counting tables keep their settled periods the same way
    out.histogram = await run((ctx) => responseHistogram(ctx, q));
    out.heatmap = await run((ctx) => incidentHeatmap(ctx, q));
    out.change = await run((ctx) => categoryChange(ctx, q));
    // the unit table keeps each unit's sums per settled period; force and team are the units' as they are now
    for (const per of ['unit', 'team', 'force'] as const) out[`units/${per}`] = await run((ctx) => unitActivity(ctx, { ...q, per }));
    return out;
  };
  /** the answers as served (kept periods reused), then from nothing: they must be equal */
  const expectKeptEqualsFresh = async (q: Filters) => {
    const served = await fetchAll(q);
    kept().clear();
    const fresh = await fetchAll(q);
    expect(served).toEqual(fresh);
    return fresh;
  };

  beforeAll(async () => {
    if (driver === 'postgres') {
      const created = await createTestDatabase();
      url = created.url;
      drop = created.drop;
    }
    t = await startTestApp(url ? { databaseUrl: url } : {});
    await seedGeography(t.app.core.db);
    await seedIncidents(t.app.core.db);
  });
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  it('a second request reuses the settled periods and gives the same answer', async () => {
    kept().clear();
    const first = await fetchAll(longWindow());
    const { hits, misses } = kept();
    expect(kept().size.entries).toBeGreaterThan(0);
    const second = await fetchAll(longWindow());
    expect(second).toEqual(first);
    expect(kept().misses).toBe(misses);
    expect(kept().hits).toBeGreaterThan(hits);
    // and the hand-computed figures of the seeded week hold across months and today (response-measures.test.ts)
    const week = await response(longWindow(), 'month');
    expect(week.total).toMatchObject({ received: 11, responded: 8, responseP50: 315 });
  });

  it('a change to an incident of a settled month is seen at once, and only its period is read again', async () => {
    await fetchAll(longWindow());
    // A12 (Thu 2024-03-07) gets a rating and is closed late; A11 arrives
    await t.app.core.db.query(`UPDATE incidents SET status = 'closed', closed_at = created_at + interval '2 hours', rating = 2 WHERE id = 'A12'`);
    await t.app.core.db.query(`UPDATE incidents SET on_scene_at = created_at + interval '100 seconds' WHERE id = 'A11'`);
    const before = kept().misses;
    const fresh = await expectKeptEqualsFresh(longWindow());
    expect(kept().misses).toBeGreaterThan(before);
    const march = (fresh['closure/month'] as Awaited<ReturnType<typeof closureMeasures>>).rows.find((r) => r.key === '2024-03')!;
    expect(march.rated).toBeGreaterThan(0);
    // A11 now arrived in 100 s: the fastest response of the month
    const response0 = (fresh['response/priority'] as Awaited<ReturnType<typeof responseMeasures>>).total;
    expect(response0.responded).toBe(8);
  });

  it('an incident recorded late into a settled day (backdated) is counted', async () => {
    await fetchAll(longWindow());
    await seedIncidents(t.app.core.db, [
      {
        id: 'LATE1',
        at: '2024-03-05T09:00:00',
        priority: 'P1',
        category: 'fire',
        grid: 'g1',
        status: 'on_scene',
        units: [{ unit: 'u2', d: 20, k: 30, e: 40, o: 250, status: 'on_scene' }],
      },
    ]);
    const fresh = await expectKeptEqualsFresh(longWindow());
    expect((fresh['response/priority'] as Awaited<ReturnType<typeof responseMeasures>>).total.received).toBe(12);
  });

  it("today's incidents are read live: a new one counts without touching the settled periods", async () => {
    await fetchAll(longWindow());
    const entries = kept().size.entries;
    const now = new Date(Date.now() - 60_000).toISOString();
    await t.app.core.db.query(
      `INSERT INTO incidents (id, status, category, priority, source, title, lat, lon, grid_id, created_at, updated_at, dispatched_at, on_scene_at)
       VALUES ('TODAY1', 'on_scene', 'criminal', 'P1', 'manual', 'today', 30.25, 120.15, 'g1', $1, $1, $1::timestamptz + interval '10 s', $1::timestamptz + interval '50 s')`,
      [now],
    );
    const misses = kept().misses;
    const served = await fetchAll(longWindow());
    expect(kept().misses).toBe(misses);
    expect(kept().size.entries).toBe(entries);
    expect((served['response/priority'] as Awaited<ReturnType<typeof responseMeasures>>).total.received).toBe(13);
    kept().clear();
    expect(await fetchAll(longWindow())).toEqual(served);
  });

  it('an assignment added to, or ended on, an incident of a settled month shows in the unit table at once', async () => {
    const units = (per: 'unit' | 'force') => run((ctx) => unitActivity(ctx, { ...longWindow(), per }));
    await fetchAll(longWindow());
    const before = await units('unit');
    // V-1 (u4) is sent to A12 (2024-03-07) after the fact, arrives, and is cleared 30 minutes later
    await t.app.core.db.query(
      `INSERT INTO incident_units (incident_id, unit_id, dispatched_at, acknowledged_at, en_route_at, on_scene_at, cleared_at, status)
       SELECT id, 'u4', created_at + interval '60 s', created_at + interval '70 s', created_at + interval '80 s', created_at + interval '400 s', NULL, 'on_scene' FROM incidents WHERE id = 'A12'`,
    );
    const added = await units('unit');
    const v1 = (rows: typeof before) => rows.find((r) => r.key === 'u4')!;
    expect(v1(added).assignments).toBe(v1(before).assignments + 1);
    expect(v1(added).onSceneSeconds).toBe(v1(before).onSceneSeconds); // still on scene: the spell has no end yet
    await t.app.core.db.query(
      `UPDATE incident_units SET cleared_at = on_scene_at + interval '1800 s', status = 'cleared' WHERE incident_id = 'A12' AND unit_id = 'u4'`,
    );
    const ended = await expectKeptEqualsFresh(longWindow());
    const rows = ended['units/unit'] as typeof before;
    expect(v1(rows).onSceneSeconds).toBe(v1(before).onSceneSeconds + 1800);
    expect((ended['units/force'] as typeof before).find((r) => r.key === 'volunteer')!.assignments).toBe(v1(rows).assignments);
    expect(await units('force')).toEqual(ended['units/force']);
  });

  it("a chart that asks for fewer percentiles is served from the full table's kept periods, and stays true after a change", async () => {
    const narrow = async () => ({
      trend: await run((ctx) => responseMeasures(ctx, { ...longWindow(), groupBy: 'week', percentiles: 'response' })),
      onTime: await run((ctx) => responseMeasures(ctx, { ...longWindow(), groupBy: 'grid', percentiles: 'none' })),
      closure: await run((ctx) => closureMeasures(ctx, { ...longWindow(), groupBy: 'category', percentiles: 'none' })),
    });
    const full = async () => {
      await response(longWindow(), 'week');
      await response(longWindow(), 'grid');
      await closure(longWindow(), 'category');
    };
    kept().clear();
    await full();
    const misses = kept().misses;
    const served = await narrow();
    expect(kept().misses).toBe(misses); // every settled period from the full tables' (today is read live, never looked up)
    kept().clear();
    expect(await narrow()).toEqual(served);
    // a settled month changes: the full table's kept month is dropped, the narrow answer is the fresh one
    kept().clear();
    await full();
    await t.app.core.db.query(`UPDATE incidents SET on_scene_at = created_at + interval '200 seconds' WHERE id = 'A12'`);
    const after = await narrow();
    expect(after).not.toEqual(served);
    kept().clear();
    expect(await narrow()).toEqual(after);
  });

  it("a unit's new team moves its incidents in the team table at once", async () => {
    const team = async () => [await response(longWindow(), 'team'), await run((ctx) => unitActivity(ctx, { ...longWindow(), per: 'team' }))];
    const before = await team();
    await t.app.core.db.query(`UPDATE units SET team_id = 't2' WHERE id = 'u2'`);
    const after = await team();
    expect(after).not.toEqual(before);
    kept().clear();
    expect(await team()).toEqual(after);
    await t.app.core.db.query(`UPDATE units SET team_id = 't1' WHERE id = 'u2'`);
  });

  it('windows cut anywhere (not at midnight) and filters give what a fresh computation gives', async () => {
    await expectKeptEqualsFresh({ from: localInstant('2024-03-05T13:17:05'), to: tomorrow() });
    await expectKeptEqualsFresh({ from: localInstant('2024-03-05T13:17:05'), to: localInstant('2024-03-07T07:59:30') });
    await expectKeptEqualsFresh({ ...longWindow(), priority: 'P1' });
    await expectKeptEqualsFresh({ ...longWindow(), gridId: 'g2', category: 'traffic' });
    await expectKeptEqualsFresh({ ...longWindow(), force: 'police' });
    await expectKeptEqualsFresh({ ...longWindow(), teamId: 't1', category: 'dispute' });
  });

  it("the pre-warm after a start keeps the dashboard's settled periods: this year's first view reads only today", async () => {
    kept().clear();
    const errors: unknown[] = [];
    await new SettledPrewarm(t.app.core.db, 'Asia/Shanghai', (err) => errors.push(err)).run();
    expect(errors).toEqual([]);
    expect(kept().size.entries).toBeGreaterThan(0);
    const misses = kept().misses;
    const [w] = await t.app.core.db.query<{ from: string }>(
      `SELECT to_json(date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai') #>> '{}' AS "from"`,
    );
    const thisYear = { from: new Date(w!.from).toISOString(), to: tomorrow() };
    // every table the dashboard sends for "this year" (analytics.store.ts load and setTableBy)
    await run((ctx) => responseMeasures(ctx, { ...thisYear, groupBy: 'week', percentiles: 'response' }));
    await run((ctx) => responseMeasures(ctx, { ...thisYear, groupBy: 'grid', percentiles: 'none' }));
    for (const groupBy of ['priority', 'category', 'grid', 'force', 'team', 'shift'] as const)
      await run((ctx) => responseMeasures(ctx, { ...thisYear, groupBy }));
    await run((ctx) => responseHistogram(ctx, thisYear));
    await run((ctx) => incidentHeatmap(ctx, thisYear));
    await run((ctx) => closureMeasures(ctx, { ...thisYear, groupBy: 'category', percentiles: 'none' }));
    for (const per of ['unit', 'team', 'force'] as const) await run((ctx) => unitActivity(ctx, { ...thisYear, per }));
    expect(kept().misses).toBe(misses);
    // the change table's previous period starts mid-month: that first partial month is its one period not kept
    await run((ctx) => categoryChange(ctx, thisYear));
    expect(kept().misses - misses).toBeLessThanOrEqual(1);
  });

  it.runIf(driver === 'postgres')('a change committed by a transaction that was still open during a request is not missed', async () => {
    await fetchAll(longWindow());
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`UPDATE incidents SET rating = 5, status = 'closed', closed_at = created_at + interval '3 hours' WHERE id = 'A11'`);
      // the request runs while the change is uncommitted: its snapshot cannot see it, and keeps the periods
      const during = await fetchAll(longWindow());
      await other.query('COMMIT');
      const after = await fetchAll(longWindow());
      expect(after).not.toEqual(during);
      kept().clear();
      expect(await fetchAll(longWindow())).toEqual(after);
    } finally {
      await other.end();
    }
  });
});

describe('SettledFigures budget', () => {
  const state = (n: number) =>
    new Map([['k', { counts: new Float64Array(2), dists: [{ values: new Array<number>(n).fill(1), counts: new Array<number>(n).fill(1) }] }]]);

  it('drops the least recently used entries when over budget, and never keeps one bigger than the budget', () => {
    const figures = new SettledFigures(40_000);
    figures.put('s', 0, 1, 'snap', state(1000));
    figures.put('s', 1, 2, 'snap', state(1000));
    expect(figures.size.entries).toBe(2);
    figures.get('s', 0, 1); // 0–1 is now the most recently used
    figures.put('s', 2, 3, 'snap', state(1000));
    expect(figures.get('s', 1, 2)).toBeUndefined();
    expect(figures.get('s', 0, 1)).toBeDefined();
    expect(figures.size.bytes).toBeLessThanOrEqual(40_000);
    figures.put('s', 9, 10, 'snap', state(10_000));
    expect(figures.get('s', 9, 10)).toBeUndefined();
  });
});
