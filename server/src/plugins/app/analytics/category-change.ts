import type { AnalyticsFilters, CategoryChangeRow } from '@lianfang/shared';
import { incidentScope, type AnalyticsContext } from './analytics-scope.js';
import { SqlParams } from './sql-params.js';

/** The period of the same length just before [from, to). */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const start = Date.parse(from);
  return { from: new Date(start - (Date.parse(to) - start)).toISOString(), to: new Date(start).toISOString() };
}

const toRow = (category: string, current: number, previous: number): CategoryChangeRow => ({
  category, current, previous, change: current - previous,
  // A rise from nothing has no meaningful percentage: the counts beside it say what happened.
  changeShare: previous > 0 ? (current - previous) / previous : null,
});

/**
 * Received incidents per category in [from, to) and in the preceding period of
 * equal length, in one scan over both periods.
 */
export async function categoryChange(ctx: AnalyticsContext, q: AnalyticsFilters): Promise<{ rows: CategoryChangeRow[]; total: CategoryChangeRow; previousFrom: string; previousTo: string }> {
  const prev = previousPeriod(q.from, q.to);
  const p = new SqlParams();
  const scope = incidentScope({ ...q, from: prev.from }, p, { receivedOnly: true });
  const since = p.add(q.from, 'timestamptz');
  const rows = await ctx.db.query<{ category: string | null; is_total: boolean; current: number; previous: number }>(
    `SELECT f.category, GROUPING(f.category) = 1 AS is_total,
            count(*) FILTER (WHERE f.created_at >= ${since})::int AS current,
            count(*) FILTER (WHERE f.created_at < ${since})::int AS previous
       FROM ${scope.from} WHERE ${scope.where}
      GROUP BY ROLLUP (f.category) ORDER BY is_total, f.category`,
    p.values,
  );
  const total = rows.find((r) => r.is_total);
  return {
    rows: rows.filter((r) => !r.is_total).map((r) => toRow(r.category ?? '', r.current, r.previous)),
    total: toRow('all', total?.current ?? 0, total?.previous ?? 0),
    previousFrom: prev.from, previousTo: prev.to,
  };
}
