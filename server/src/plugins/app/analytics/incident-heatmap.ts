import type { AnalyticsFilters, HeatmapCell } from '@lianfang/shared';
import { incidentScope, type AnalyticsContext } from './analytics-scope.js';
import { localCreatedSql } from './incident-expressions.js';
import { SqlParams } from './sql-params.js';

/**
 * Received incidents by local ISO weekday (1 = Monday) and hour: always all 168
 * cells, empty ones 0, so the heatmap's grid never changes shape.
 */
export async function incidentHeatmap(ctx: AnalyticsContext, q: AnalyticsFilters): Promise<HeatmapCell[]> {
  const p = new SqlParams();
  const local = localCreatedSql('i', p.add(ctx.timeZone, 'text'));
  const scope = incidentScope(q, p, { receivedOnly: true });
  const found = await ctx.db.query<HeatmapCell>(
    // Grouped on the local hour (one timestamp) and split into weekday and hour once per group, not per incident.
    `SELECT date_part('isodow', h)::int AS weekday, date_part('hour', h)::int AS hour, n AS count
       FROM (SELECT date_trunc('hour', ${local}) AS h, count(*)::int AS n FROM ${scope.from} WHERE ${scope.where} GROUP BY 1) per_hour`,
    p.values,
  );
  const counts = new Map<number, number>();
  for (const c of found) counts.set(c.weekday * 24 + c.hour, (counts.get(c.weekday * 24 + c.hour) ?? 0) + c.count);
  const cells: HeatmapCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) for (let hour = 0; hour < 24; hour++) cells.push({ weekday, hour, count: counts.get(weekday * 24 + hour) ?? 0 });
  return cells;
}
