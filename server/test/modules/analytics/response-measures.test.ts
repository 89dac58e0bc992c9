import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseReply, ResponseRow } from '@lianfang/shared';
import type { TestApp } from '../../helpers/test-app.js';
import { get, startOn } from './analytics-client.js';
import { Q, seedGeography, seedIncidents } from './analytics-seed.js';

/** Interpolated percentiles are doubles (0.9 × 7 is not exactly 6.3): compare to a micro-second. */
const rounded = <T>(value: T): T => JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v))) as T;
const ZERO = {
  received: 0,
  excluded: 0,
  dispatched: 0,
  enRoute: 0,
  responded: 0,
  processingP50: null,
  processingP90: null,
  turnoutP50: null,
  turnoutP90: null,
  travelP50: null,
  travelP90: null,
  responseP50: null,
  responseP90: null,
  withinFive: 0,
  withinFiveShare: null,
  withinTarget: 0,
  withinTargetShare: null,
};
const pick = (row: ResponseRow | undefined, ...keys: (keyof ResponseRow)[]) => Object.fromEntries(keys.map((k) => [k, row?.[k]]));

describe.each(['pglite', 'postgres'] as const)('response measures on %s', (driver) => {
  let t: TestApp;
  const response = async (groupBy: string) => (await get<ResponseReply>(t, `/api/analytics/response?${Q}&groupBy=${groupBy}`)).body;
  beforeAll(async () => {
    t = await startOn(driver);
    await seedGeography(t.app.core.db);
    await seedIncidents(t.app.core.db);
  });
  afterAll(async () => t?.close());

  it('totals: received 11 (A9 cancelled is excluded; A10, a false alarm, is a received case), phases at p50/p90 as worked out by hand', async () => {
    const body = await response('day');
    // responses 240 240 300 300 330 400 600 960 (n=8): p50 = rank 3.5 → (300+330)/2 = 315; p90 = rank 6.3 → 600 + 0.3·360 = 708
    // processing 10 20 30 30 30 45 50 60 100 (n=9, A7 dispatched but open): p50 = 30; p90 = rank 7.2 → 60 + 0.2·40 = 68
    // turnout of the first-arriving unit: 5 5 20 20 30 40 60 60 (A3 from its acknowledgement; A12: u2's own 60 − 40): p50 25; p90 = 60
    // travel 160 180 180 270 295 350 460 900: p50 = 282.5; p90 = 460 + 0.3·440 = 592
    // within target: A1 240, A2 300 (= 300 counts), A4 600 (P3: 900), A5, A6 → 5 of 8; within 5 minutes: A1 A2 A5 A6 → 4 of 8
    expect(rounded(body.total)).toEqual({
      key: 'all',
      label: 'all',
      received: 11,
      excluded: 1,
      dispatched: 9,
      enRoute: 8,
      responded: 8,
      processingP50: 30,
      processingP90: 68,
      turnoutP50: 25,
      turnoutP90: 60,
      travelP50: 282.5,
      travelP90: 592,
      responseP50: 315,
      responseP90: 708,
      withinFive: 4,
      withinFiveShare: 0.5,
      withinTarget: 5,
      withinTargetShare: 0.625,
    });
    expect(body).toMatchObject({ groupBy: 'day', timeZone: 'Asia/Shanghai', from: '2024-03-03T16:00:00.000Z', to: '2024-03-07T16:00:00.000Z', notApplied: [] });
  });

  it('by local day: every day listed, the empty Wednesday as zeros, A12 (Wed 23:59 UTC) on Thursday', async () => {
    const { rows } = await response('day');
    expect(rows.map((r) => r.key)).toEqual(['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07']);
    // Mon: processing 30 45 60 100 → 52.5 / 60+0.7·40 = 88; turnout 5 30 40 60 → 35 / 54; travel 180 180 350 460 → 265 / 427; response 240 300 400 600 → 350 / 540
    expect(rounded(rows[0])).toEqual({
      key: '2024-03-04',
      label: '2024-03-04',
      received: 4,
      excluded: 0,
      dispatched: 4,
      enRoute: 4,
      responded: 4,
      processingP50: 52.5,
      processingP90: 88,
      turnoutP50: 35,
      turnoutP90: 54,
      travelP50: 265,
      travelP90: 427,
      responseP50: 350,
      responseP90: 540,
      withinFive: 2,
      withinFiveShare: 0.5,
      withinTarget: 3,
      withinTargetShare: 0.75,
    });
    // Tue: A5 A6 A7 A8 A10 received, A9 excluded; processing 10 20 50 → 20 / 44; two arrivals 240 300 → 270 / 294
    expect(rounded(rows[1])).toEqual({
      key: '2024-03-05',
      label: '2024-03-05',
      received: 5,
      excluded: 1,
      dispatched: 3,
      enRoute: 2,
      responded: 2,
      processingP50: 20,
      processingP90: 44,
      turnoutP50: 40,
      turnoutP90: 56,
      travelP50: 215,
      travelP90: 259,
      responseP50: 270,
      responseP90: 294,
      withinFive: 2,
      withinFiveShare: 1,
      withinTarget: 2,
      withinTargetShare: 1,
    });
    expect(rows[2]).toEqual({ key: '2024-03-06', label: '2024-03-06', ...ZERO });
    // Thu: A11 330 (P1, late) and A12 960 (P3, late): 645 / 330 + 0.9·630 = 897; none within target → 0, not null
    // turnout of the arriving units: A11 5, A12 u2's own 20 (u3, sent first, declined) → 12.5 / 5 + 0.9·15 = 18.5
    expect(rounded(rows[3])).toEqual({
      key: '2024-03-07',
      label: '2024-03-07',
      received: 2,
      excluded: 0,
      dispatched: 2,
      enRoute: 2,
      responded: 2,
      processingP50: 30,
      processingP90: 30,
      turnoutP50: 12.5,
      turnoutP90: 18.5,
      travelP50: 597.5,
      travelP90: 839.5,
      responseP50: 645,
      responseP90: 897,
      withinFive: 0,
      withinFiveShare: 0,
      withinTarget: 0,
      withinTargetShare: 0,
    });
  });

  it('by week (the Monday) and month', async () => {
    expect((await response('week')).rows.map((r) => [r.key, r.received])).toEqual([['2024-03-04', 11]]);
    expect((await response('month')).rows.map((r) => [r.key, r.received, r.responseP50])).toEqual([['2024-03', 11, 315]]);
  });

  it('by priority: each against its own target; P4 never reached has no time', async () => {
    const rows = rounded((await response('priority')).rows);
    const fields = ['key', 'received', 'excluded', 'responded', 'responseP50', 'responseP90', 'withinTarget', 'withinTargetShare'] as const;
    expect(rows.map((r) => pick(r, ...fields))).toEqual([
      // P1: 240 300 330 400 → 315 / 330 + 0.7·70 = 379; A3 and A11 late
      { key: 'P1', received: 4, excluded: 1, responded: 4, responseP50: 315, responseP90: 379, withinTarget: 2, withinTargetShare: 0.5 },
      // P2: 240 300 (A8 open; A10 a false alarm nobody went to) → 270 / 294
      { key: 'P2', received: 4, excluded: 0, responded: 2, responseP50: 270, responseP90: 294, withinTarget: 2, withinTargetShare: 1 },
      // P3: 600 960 → 780 / 924; 600 ≤ 900 yes, 960 no
      { key: 'P3', received: 2, excluded: 0, responded: 2, responseP50: 780, responseP90: 924, withinTarget: 1, withinTargetShare: 0.5 },
      { key: 'P4', received: 1, excluded: 0, responded: 0, responseP50: null, responseP90: null, withinTarget: 0, withinTargetShare: null },
    ]);
  });

  it('by shift: day 08:00–20:00 local (A11 at 08:00 is day, A12 at 07:59 is night)', async () => {
    const exact = (await response('shift')).rows;
    const rows = rounded(exact);
    expect(rows.map((r) => pick(r, 'key', 'received', 'excluded', 'responded', 'responseP50', 'responseP90', 'withinTarget'))).toEqual([
      // 240 240 300 300 330 → 300 / 300 + 0.6·30 = 318
      { key: 'day', received: 7, excluded: 1, responded: 5, responseP50: 300, responseP90: 318, withinTarget: 4 },
      // 400 600 960 → 600 / 600 + 0.8·360 = 888
      { key: 'night', received: 4, excluded: 0, responded: 3, responseP50: 600, responseP90: 888, withinTarget: 1 },
    ]);
    expect(exact[1]!.withinTargetShare).toBeCloseTo(1 / 3, 12);
  });

  it('by force and team of the lead unit: first on scene (A4: u3), else first dispatched (A7: u1); declined never leads (A12: u2)', async () => {
    const force = rounded((await response('force')).rows);
    expect(force.map((r) => pick(r, 'key', 'received', 'excluded', 'responded', 'responseP50', 'responseP90', 'withinTarget'))).toEqual([
      { key: 'none', received: 2, excluded: 0, responded: 0, responseP50: null, responseP90: null, withinTarget: 0 },
      // A1 A2 A5 A7 A11 A12 (A9 excluded): 240 240 300 330 960 → 300 / 330 + 0.6·630 = 708
      { key: 'police', received: 6, excluded: 1, responded: 5, responseP50: 300, responseP90: 708, withinTarget: 3 },
      // A3 400, A4 600 → 500 / 580
      { key: 'security', received: 2, excluded: 0, responded: 2, responseP50: 500, responseP90: 580, withinTarget: 1 },
      { key: 'volunteer', received: 1, excluded: 0, responded: 1, responseP50: 300, responseP90: 300, withinTarget: 1 },
    ]);
    const team = (await response('team')).rows;
    expect(team.map((r) => [r.key, r.label, r.received, r.responded])).toEqual([
      ['none', 'none', 3, 1],
      ['t1', '巡逻一队', 6, 5],
      ['t2', 'Guards', 2, 2],
    ]);
  });

  it('by grid with names; an incident outside every grid is "none"', async () => {
    const rows = rounded((await response('grid')).rows);
    expect(rows.map((r) => pick(r, 'key', 'label', 'received', 'excluded', 'responded', 'responseP50', 'responseP90', 'withinTarget'))).toEqual([
      { key: 'g1', label: '东湖网格', received: 5, excluded: 1, responded: 5, responseP50: 300, responseP90: 318, withinTarget: 4 },
      { key: 'g2', label: 'West, "old" grid', received: 5, excluded: 0, responded: 3, responseP50: 600, responseP90: 888, withinTarget: 1 },
      { key: 'none', label: 'none', received: 1, excluded: 0, responded: 0, responseP50: null, responseP90: null, withinTarget: 0 },
    ]);
  });

  it('by category: a category with only a cancelled case shows received 0 and excluded 1', async () => {
    const rows = (await response('category')).rows;
    expect(rows.map((r) => [r.key, r.received, r.excluded])).toEqual([
      ['criminal', 3, 0],
      ['dispute', 3, 0],
      ['fire', 0, 1],
      ['medical', 1, 0],
      ['other', 1, 0],
      ['public_order', 1, 0],
      ['traffic', 2, 0],
    ]);
  });

  it('filters narrow every figure: priority, category, grid, force, team', async () => {
    const total = async (filter: string) => (await get<ResponseReply>(t, `/api/analytics/response?${Q}&${filter}`)).body.total;
    expect(pick(await total('priority=P1'), 'received', 'responded', 'responseP50')).toEqual({ received: 4, responded: 4, responseP50: 315 });
    expect(pick(await total('category=dispute'), 'received', 'excluded', 'responseP50')).toEqual({ received: 3, excluded: 0, responseP50: 270 });
    expect(pick(await total('gridId=g2'), 'received', 'responded', 'responseP50')).toEqual({ received: 5, responded: 3, responseP50: 600 });
    expect(pick(await total('force=security'), 'received', 'responded', 'responseP50')).toEqual({ received: 2, responded: 2, responseP50: 500 });
    expect(pick(await total('teamId=t1&priority=P3'), 'received', 'responded', 'responseP50')).toEqual({ received: 1, responded: 1, responseP50: 960 });
  });

  it('an empty period: zeros and nulls, no error, every day still listed', async () => {
    const body = (await get<ResponseReply>(t, '/api/analytics/response?from=2023-01-01T00:00:00%2B08:00&to=2023-01-03T00:00:00%2B08:00')).body;
    expect(body.rows).toEqual([
      { key: '2023-01-01', label: '2023-01-01', ...ZERO },
      { key: '2023-01-02', label: '2023-01-02', ...ZERO },
    ]);
    expect(body.total).toEqual({ key: 'all', label: 'all', ...ZERO });
  });
});
