import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CategoryChangeReply, ClosureReply, HeatmapReply } from '@lianfang/shared';
import type { TestApp } from '../../helpers/test-app.js';
import { get, startOn } from './analytics-client.js';
import { Q, seedGeography, seedIncidents } from './analytics-seed.js';

describe('closure, period-over-period change and the weekday × hour heatmap (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startOn('postgres');
    await seedGeography(t.app.core.db);
    await seedIncidents(t.app.core.db);
  });
  afterAll(async () => t?.close());

  it('closure totals: the loopRates definitions (办结率 = concluded ÷ received), median times to resolve and close', async () => {
    const { total } = (await get<ClosureReply>(t, `/api/analytics/closure?${Q}`)).body;
    // received: every case but the cancellation A9 → 11 (the false alarm A10 is a received case)
    // concluded: resolved or evaluated A1 A2 A3 A4 A5 A6 A12 (7) + A10 stood down as a false alarm → 8 of 11; open A7 A8 A11
    // evaluated A1 A2 A4 A6: 4 of the 7 resolved; ratings 5 4 3 2 → 3.5
    // to resolve: 1000 1800 2000 3000 3000 3600 5400 → 3000; to close: 1500 3600 4000 7200 → (3600+4000)/2 = 3800
    // settled: grid A1 A2 A6 A12, community A3 A5, street A4 → 4/7, 2/7, 1/7, 0
    // disputes received A2 (mediated), A5 (referred), A10 (false alarm) → 1 of 3
    expect(total).toEqual({
      key: 'all',
      label: 'all',
      received: 11,
      concluded: 8,
      closureRate: 8 / 11,
      open: 3,
      openShare: 3 / 11,
      resolved: 7,
      evaluated: 4,
      evaluatedShare: 4 / 7,
      rated: 4,
      ratingMean: 3.5,
      falseAlarms: 1,
      falseAlarmShare: 1 / 11,
      resolveP50: 3000,
      closeP50: 3800,
      settledGrid: 4,
      settledCommunity: 2,
      settledStreet: 1,
      settledDepartment: 0,
      settledGridShare: 4 / 7,
      settledCommunityShare: 2 / 7,
      settledStreetShare: 1 / 7,
      settledDepartmentShare: 0,
      disputesReceived: 3,
      disputesConcluded: 3,
      disputesMediated: 1,
      mediationSuccessRate: 1 / 3,
    });
  });

  it('closure by day: a day without cases has null rates beside its zero counts', async () => {
    const { rows } = (await get<ClosureReply>(t, `/api/analytics/closure?${Q}&groupBy=day`)).body;
    const brief = rows.map((r) => [
      r.key,
      r.received,
      r.concluded,
      r.resolved,
      r.evaluated,
      r.closureRate,
      r.resolveP50,
      r.closeP50,
      r.settledGrid,
      r.mediationSuccessRate,
      r.ratingMean,
    ]);
    expect(brief).toEqual([
      // Mon A1–A4: all concluded; to resolve 1800 3000 3600 5400 → 3300; to close 3600 4000 7200 → 4000; A2 mediated; ratings 5 4 3
      ['2024-03-04', 4, 4, 4, 3, 1, 3300, 4000, 2, 1, 4],
      // Tue A5–A8 and A10: concluded A5 A6 A10 → 3 of 5; resolved A5 (2000) A6 (1000) → 1500; evaluated A6 (1500);
      // disputes A5 (referred) and A10 (false alarm) → 0 of 2
      ['2024-03-05', 5, 3, 2, 1, 0.6, 1500, 1500, 1, 0, 2],
      ['2024-03-06', 0, 0, 0, 0, null, null, null, 0, null, null],
      // Thu A11 open, A12 resolved after 3000 s
      ['2024-03-07', 2, 1, 1, 0, 0.5, 3000, null, 1, null, null],
    ]);
    expect(rows[2]).toMatchObject({ settledGridShare: null, settledDepartmentShare: null, openShare: null, evaluatedShare: null });
  });

  it('closure agrees with /api/stats/loop on the same window', async () => {
    const loop = (await get<{ counts: Record<string, number> }>(t, `/api/stats/loop?${Q}`)).body.counts;
    const { total } = (await get<ClosureReply>(t, `/api/analytics/closure?${Q}`)).body;
    const pick = (o: Record<string, unknown>) =>
      Object.fromEntries(['received', 'concluded', 'resolved', 'evaluated', 'falseAlarms', 'disputesReceived', 'disputesMediated'].map((k) => [k, o[k]]));
    expect(pick(total)).toEqual(pick(loop));
  });

  it('change by category against the four days before (Thu 02-29 … Sun 03-03), counts beside every share', async () => {
    const body = (await get<CategoryChangeReply>(t, `/api/analytics/category-change?${Q}`)).body;
    expect(body).toMatchObject({ previousFrom: '2024-02-28T16:00:00.000Z', previousTo: '2024-03-03T16:00:00.000Z' });
    expect(body.rows).toEqual([
      { category: 'criminal', current: 3, previous: 1, change: 2, changeShare: 2 },
      // B5 was cancelled: it does not count; A10, a false alarm, is a received case
      { category: 'dispute', current: 3, previous: 2, change: 1, changeShare: 0.5 },
      { category: 'medical', current: 1, previous: 0, change: 1, changeShare: null },
      { category: 'other', current: 1, previous: 0, change: 1, changeShare: null },
      { category: 'public_order', current: 1, previous: 0, change: 1, changeShare: null },
      // B4 at Sun 23:59:59 local is in the previous period, by one second
      { category: 'traffic', current: 2, previous: 1, change: 1, changeShare: 1 },
    ]);
    expect(body.total).toEqual({ category: 'all', current: 11, previous: 4, change: 7, changeShare: 1.75 });
  });

  it('change with a filter and an empty past', async () => {
    const dispute = (await get<CategoryChangeReply>(t, `/api/analytics/category-change?${Q}&category=dispute&gridId=g1`)).body;
    // g1 disputes: A2, A5 now; B2 before
    expect(dispute.rows).toEqual([{ category: 'dispute', current: 2, previous: 1, change: 1, changeShare: 1 }]);
    const early = (await get<CategoryChangeReply>(t, '/api/analytics/category-change?from=2024-02-29T00:00:00%2B08:00&to=2024-03-01T00:00:00%2B08:00')).body;
    expect(early.rows).toEqual([{ category: 'criminal', current: 1, previous: 0, change: 1, changeShare: null }]);
  });

  it('heatmap: all 168 local cells, received incidents only', async () => {
    const { rows } = (await get<HeatmapReply>(t, `/api/analytics/heatmap?${Q}`)).body;
    expect(rows).toHaveLength(168);
    expect(rows[0]).toEqual({ weekday: 1, hour: 0, count: 0 });
    const nonZero = rows.filter((c) => c.count > 0).map((c) => [c.weekday, c.hour, c.count]);
    // Mon 9 10 21 22; Tue 9 (A5 and A6), 14, 15 (A9 at 16 cancelled, A10 at 23 false alarm); Thu 7 (A12) and 8 (A11)
    expect(nonZero).toEqual([
      [1, 9, 1],
      [1, 10, 1],
      [1, 21, 1],
      [1, 22, 1],
      [2, 9, 2],
      [2, 14, 1],
      [2, 15, 1],
      // A10 (Tue 23:30), a false alarm, is a received case
      [2, 23, 1],
      [4, 7, 1],
      [4, 8, 1],
    ]);
    const p1 = (await get<HeatmapReply>(t, `/api/analytics/heatmap?${Q}&priority=P1&force=police`)).body.rows.filter((c) => c.count > 0);
    // P1 led by police: A1 (Mon 9) and A11 (Thu 8)
    expect(p1.map((c) => [c.weekday, c.hour])).toEqual([
      [1, 9],
      [4, 8],
    ]);
  });
});
