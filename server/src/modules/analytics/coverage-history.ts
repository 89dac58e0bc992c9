import type { CoverageInterval, CoverageRow } from '@lianfang/shared';
import type { AnalyticsContext } from './analytics-scope.js';
import { SqlParams } from './sql-params.js';
import { bucketLabelSql, bucketSeriesSql, bucketStartOfSql } from './time-buckets.js';

export interface CoverageHistoryQuery {
  from: string;
  to: string;
  interval: CoverageInterval;
  gridId?: string | undefined;
}

/**
 * Coverage over time from coverage_samples (about one a minute): mean and lowest
 * share within 5 and 15 minutes per local hour or day, every bucket listed (no
 * samples = the service was not publishing: samples 0, shares null, never 0 %).
 * With a grid, the grid's own shares from `per_grid`.
 */
export async function coverageHistory(ctx: AnalyticsContext, q: CoverageHistoryQuery): Promise<CoverageRow[]> {
  const p = new SqlParams();
  const tz = p.add(ctx.timeZone, 'text');
  const from = p.add(q.from, 'timestamptz');
  const to = p.add(q.to, 'timestamptz');
  const grid = q.gridId
    ? {
        join: `CROSS JOIN LATERAL jsonb_array_elements(cs.per_grid) g`,
        where: `AND g->>'gridId' = ${p.add(q.gridId, 'text')}`,
        w5: `(g->>'within5')::float8`,
        w15: `(g->>'within15')::float8`,
      }
    : { join: '', where: '', w5: 'cs.within5::float8', w15: 'cs.within15::float8' };
  return ctx.db.query<CoverageRow>(
    `WITH s AS (
       SELECT ${bucketStartOfSql(q.interval, `(cs.at AT TIME ZONE ${tz})`)} AS bucket, ${grid.w5} AS w5, ${grid.w15} AS w15
         FROM coverage_samples cs ${grid.join}
        WHERE cs.at >= ${from} AND cs.at < ${to} ${grid.where}),
     agg AS (SELECT bucket, count(*)::int AS samples, avg(w5) AS m5, avg(w15) AS m15, min(w5) AS l5, min(w15) AS l15 FROM s GROUP BY bucket),
     k AS (${bucketSeriesSql(q.interval, from, to, tz)})
     SELECT ${bucketLabelSql(q.interval, 'k.key')} AS bucket, COALESCE(agg.samples, 0) AS samples,
            agg.m5 AS "within5Mean", agg.m15 AS "within15Mean", agg.l5 AS "within5Min", agg.l15 AS "within15Min"
       FROM k LEFT JOIN agg ON agg.bucket = k.key ORDER BY k.key`,
    p.values,
  );
}
