import type { AnalyticsFilters, HeatmapCell } from '@lianfang/shared';
import type { AnalyticsContext } from './analytics-scope.js';
import { groupedAggregate } from './grouped-aggregate.js';
import type { MeasureSpec } from './measure-spec.js';

/** Counts per weekday × hour cell (the facts hold the local weekday and hour, in TIME_ZONE): they add up across periods. */
const SPEC: MeasureSpec = {
  id: 'heatmap',
  groupKey: '(f.local_isodow * 24 + f.local_hour)::text',
  where: 'f.received',
  facts: {},
  counts: [{ name: 'count', sql: 'count(*)' }],
  distributions: [],
};

/**
 * Received incidents by local ISO weekday (1 = Monday) and hour: always all 168
 * cells, empty ones 0, so the heatmap's grid never changes shape.
 */
export async function incidentHeatmap(ctx: AnalyticsContext, q: AnalyticsFilters): Promise<HeatmapCell[]> {
  const { groups } = await groupedAggregate(ctx, q, SPEC);
  const counts = new Map(groups.map((g) => [Number(g.key), Number(g.count)]));
  const cells: HeatmapCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday++)
    for (let hour = 0; hour < 24; hour++) cells.push({ weekday, hour, count: counts.get(weekday * 24 + hour) ?? 0 });
  return cells;
}
