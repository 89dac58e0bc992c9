import { HISTOGRAM_BIN_SECONDS, HISTOGRAM_BINS, type AnalyticsFilters, type ResponseHistogramBin } from '@lianfang/shared';
import type { AnalyticsContext } from './analytics-scope.js';
import { groupedAggregate } from './grouped-aggregate.js';
import type { MeasureSpec } from './measure-spec.js';

const LAST = HISTOGRAM_BINS - 1;

/** Counts per bar, which add up across periods: kept for settled months and days like the tables (grouped-aggregate.ts). */
const SPEC: MeasureSpec = {
  id: `histogram/${HISTOGRAM_BIN_SECONDS}x${HISTOGRAM_BINS}`,
  // whole seconds: integer division is floor for the non-negative, greatest() keeps a clock-skewed arrival in bar 0
  groupKey: `least(greatest(f.response_s, 0) / ${HISTOGRAM_BIN_SECONDS}, ${LAST})::text`,
  where: 'f.received AND f.response_s IS NOT NULL',
  facts: { within: 'f.within_target' },
  counts: [
    { name: 'responded', sql: 'count(*)' },
    { name: 'within', sql: 'count(*) FILTER (WHERE f.within)' },
  ],
  distributions: [],
};

/**
 * The distribution of response times (received → first on scene) of the received
 * incidents someone reached: one bar per HISTOGRAM_BIN_SECONDS, the last bar open.
 * Every bar is present (zeros too) so the chart's axis never changes shape, and the
 * bars add up to `responded` of the response table's total row.
 */
export async function responseHistogram(ctx: AnalyticsContext, q: AnalyticsFilters): Promise<{ rows: ResponseHistogramBin[]; responded: number }> {
  const { groups, total } = await groupedAggregate(ctx, q, SPEC);
  const byBin = new Map(groups.map((g) => [Number(g.key), g]));
  const rows: ResponseHistogramBin[] = [];
  for (let bin = 0; bin <= LAST; bin++) {
    const g = byBin.get(bin);
    rows.push({
      bin,
      fromSeconds: bin * HISTOGRAM_BIN_SECONDS,
      toSeconds: bin === LAST ? null : (bin + 1) * HISTOGRAM_BIN_SECONDS,
      responded: Number(g?.responded ?? 0),
      withinTarget: Number(g?.within ?? 0),
    });
  }
  return { rows, responded: Number(total.responded) };
}
