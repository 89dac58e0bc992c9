import type { AnalyticsFilters, HeatmapCell } from '@lianfang/shared';
import { incidentScope, type AnalyticsContext } from './analytics-scope.js';
import { SqlParams } from './sql-params.js';

/**
 * Received incidents by local ISO weekday (1 = Monday) and hour: always all 168
 * cells, empty ones 0, so the heatmap's grid never changes shape.
 */
export async function incidentHeatmap(ctx: AnalyticsContext, q: AnalyticsFilters): Promise<HeatmapCell[]> {
  const p = new SqlParams();
  const scope = incidentScope(q, p, { receivedOnly: true });
  const found = await ctx.db.query<HeatmapCell>(
    // The facts hold the local weekday and hour (in the zone of analytics_settings, which is TIME_ZONE).
    `SELECT f.local_isodow::int AS weekday, f.local_hour::int AS hour, count(*)::int AS count
       FROM ${scope.from} WHERE ${scope.where} GROUP BY 1, 2`,
    p.values,
  );
  const counts = new Map<number, number>();
  for (const c of found) counts.set(c.weekday * 24 + c.hour, (counts.get(c.weekday * 24 + c.hour) ?? 0) + c.count);
  const cells: HeatmapCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) for (let hour = 0; hour < 24; hour++) cells.push({ weekday, hour, count: counts.get(weekday * 24 + hour) ?? 0 });
  return cells;
}
