import { HISTOGRAM_BIN_SECONDS, HISTOGRAM_BINS, type AnalyticsFilters, type ResponseHistogramBin } from '@lianfang/shared';
import { incidentScope, type AnalyticsContext } from './analytics-scope.js';
import { incidentExpressions } from './incident-expressions.js';
import { SqlParams } from './sql-params.js';

const e = incidentExpressions('i');

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
    `SELECT least(greatest(floor(${e.response} / ${HISTOGRAM_BIN_SECONDS}), 0), ${last})::int AS bin,
            count(*)::int AS responded, count(*) FILTER (WHERE ${e.withinTarget})::int AS within
       FROM ${scope.from} WHERE ${scope.where} AND i.on_scene_at IS NOT NULL GROUP BY 1`,
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
