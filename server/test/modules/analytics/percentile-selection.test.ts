import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClosureReply, ClosureRow, ResponseReply, ResponseRow } from '@lianfang/shared';
import type { TestApp } from '../../helpers/test-app.js';
import { get, startOn } from './analytics-client.js';
import { Q, seedGeography, seedIncidents } from './analytics-seed.js';

/**
 * `percentiles` only leaves figures out: every figure that is computed is the
 * same double as in the full table (the hand-computed one in
 * response-measures.test.ts), the totals included, and the ones left out are null.
 */
const OTHER_PHASES = ['processingP50', 'processingP90', 'turnoutP50', 'turnoutP90', 'travelP50', 'travelP90'] as const;
const RESPONSE = ['responseP50', 'responseP90'] as const;
const withNull = <T extends object>(row: T, keys: readonly (keyof T)[]): T => ({ ...row, ...Object.fromEntries(keys.map((k) => [k, null])) });

describe.each(['pglite', 'postgres'] as const)('response and closure with fewer percentiles on %s', (driver) => {
  let t: TestApp;
  const response = async (groupBy: string, percentiles?: string) =>
    (await get<ResponseReply>(t, `/api/analytics/response?${Q}&groupBy=${groupBy}${percentiles ? `&percentiles=${percentiles}` : ''}`)).body;
  const closure = async (groupBy: string, percentiles?: string) =>
    (await get<ClosureReply>(t, `/api/analytics/closure?${Q}&groupBy=${groupBy}${percentiles ? `&percentiles=${percentiles}` : ''}`)).body;
  beforeAll(async () => {
    t = await startOn(driver);
    await seedGeography(t.app.core.db);
    await seedIncidents(t.app.core.db);
  });
  afterAll(async () => t?.close());

  it.each(['day', 'week', 'priority', 'grid', 'team'])(
    'response by %s: `response` keeps its p50/p90 and every count, `none` keeps the counts',
    async (groupBy) => {
      const full = await response(groupBy);
      expect(await response(groupBy, 'all')).toEqual(full);
      const only = await response(groupBy, 'response');
      expect(only).toEqual({ ...full, rows: full.rows.map((r: ResponseRow) => withNull(r, OTHER_PHASES)), total: withNull(full.total, OTHER_PHASES) });
      const none = await response(groupBy, 'none');
      expect(none).toEqual({
        ...full,
        rows: full.rows.map((r: ResponseRow) => withNull(r, [...OTHER_PHASES, ...RESPONSE])),
        total: withNull(full.total, [...OTHER_PHASES, ...RESPONSE]),
      });
      // the hand-computed totals of the seed (response-measures.test.ts), summed from the groups when no percentile is asked
      expect(none.total).toMatchObject({
        received: 11,
        excluded: 1,
        dispatched: 9,
        enRoute: 8,
        responded: 8,
        withinFive: 4,
        withinFiveShare: 0.5,
        withinTarget: 5,
        withinTargetShare: 0.625,
        responseP50: null,
      });
      expect(only.total).toMatchObject({ responseP50: 315, responded: 8 });
    },
  );

  it.each(['day', 'category', 'month'])(
    'closure by %s without medians: the same counts, rates and rating mean (to the last bit), medians null',
    async (groupBy) => {
      const full = await closure(groupBy);
      const none = await closure(groupBy, 'none');
      const MEDIANS = ['resolveP50', 'closeP50'] as const;
      expect(none).toEqual({ ...full, rows: full.rows.map((r: ClosureRow) => withNull(r, MEDIANS)), total: withNull(full.total, MEDIANS) });
      expect(full.total.ratingMean).not.toBeNull();
      expect(none.total.ratingMean).toBe(full.total.ratingMean);
    },
  );

  it('a value it does not know is a 400 naming percentiles', async () => {
    for (const url of [`/api/analytics/response?${Q}&percentiles=p95`, `/api/analytics/closure?${Q}&percentiles=response`]) {
      const res = await get<{ statusCode: number; field: string }>(t, url);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, field: 'percentiles' });
    }
  });
});
