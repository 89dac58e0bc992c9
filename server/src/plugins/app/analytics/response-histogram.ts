import { HISTOGRAM_BIN_SECONDS, HISTOGRAM_BINS, type AnalyticsFilters, type ResponseHistogramBin } from '@lianfang/shared';
import { incidentScope, type AnalyticsContext } from './analytics-scope.js';
import { SqlParams } from './sql-params.js';

/**
 * The distribution of response times (received → first on scene) of the received
 * incidents someone reached: one bar per HISTOGRAM_BIN_SECONDS, the last bar open.
 * Every bar is present (zeros too) so the chart's axis never changes shape, and the
 * bars add up to `responded` of the response table's total row.
 */
export async function responseHistogram(ctx: AnalyticsContext, q: AnalyticsFilters): Promise<{ rows: ResponseHistogramBin[]; responded: number }> {
  const p = new SqlParams();
  const scope = incidentScope(q, p, { receivedOnly: true });
  const last = HISTOGRAM_BINS - 1;
  const found = await ctx.db.query<{ bin: number; responded: number; within: number }>(
    // whole seconds: integer division is floor for the non-negative, greatest() keeps a clock-skewed arrival in bar 0
    `SELECT least(greatest(f.response_s, 0) / ${HISTOGRAM_BIN_SECONDS}, ${last}) AS bin,
            count(*)::int AS responded, count(*) FILTER (WHERE f.within_target)::int AS within
       FROM ${scope.from} WHERE ${scope.where} AND f.response_s IS NOT NULL GROUP BY 1`,
    p.values,
  );
  const byBin = new Map(found.map((f) => [f.bin, f]));
  const rows: ResponseHistogramBin[] = [];
  for (let bin = 0; bin <= last; bin++) {
    const f = byBin.get(bin);
    rows.push({
      bin, fromSeconds: bin * HISTOGRAM_BIN_SECONDS, toSeconds: bin === last ? null : (bin + 1) * HISTOGRAM_BIN_SECONDS,
      responded: f?.responded ?? 0, withinTarget: f?.within ?? 0,
    });
  }
  return { rows, responded: found.reduce((n, f) => n + f.responded, 0) };
}
