import type { AnalyticsFilters, CategoryChangeRow } from '@lianfang/shared';
import type { AnalyticsContext } from './analytics-scope.js';
import { groupedAggregate } from './grouped-aggregate.js';
import type { MeasureSpec } from './measure-spec.js';

/** The period of the same length just before [from, to). */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const start = Date.parse(from);
  return { from: new Date(start - (Date.parse(to) - start)).toISOString(), to: new Date(start).toISOString() };
}

const toRow = (category: string, current: number, previous: number): CategoryChangeRow => ({
  category,
  current,
  previous,
  change: current - previous,
  // A rise from nothing has no meaningful percentage: the counts beside it say what happened.
  changeShare: previous > 0 ? (current - previous) / previous : null,
});

/** Received incidents per category: counts, which add up across periods (kept like the tables, grouped-aggregate.ts). */
const SPEC: MeasureSpec = {
  id: 'category-count',
  groupKey: 'f.category COLLATE "C"',
  where: 'f.received',
  facts: {},
  counts: [{ name: 'count', sql: 'count(*)' }],
  distributions: [],
};

/**
 * Received incidents per category in [from, to) and in the preceding period of
 * equal length. Categories in key order, those of either period.
 */
export async function categoryChange(
  ctx: AnalyticsContext,
  q: AnalyticsFilters,
): Promise<{ rows: CategoryChangeRow[]; total: CategoryChangeRow; previousFrom: string; previousTo: string }> {
  const prev = previousPeriod(q.from, q.to);
  const current = await groupedAggregate(ctx, q, SPEC);
  const previous = await groupedAggregate(ctx, { ...q, ...prev }, SPEC);
  const now = new Map(current.groups.map((g) => [g.key, Number(g.count)]));
  const before = new Map(previous.groups.map((g) => [g.key, Number(g.count)]));
  const categories = [...new Set([...now.keys(), ...before.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    rows: categories.map((c) => toRow(c, now.get(c) ?? 0, before.get(c) ?? 0)),
    total: toRow('all', Number(current.total.count), Number(previous.total.count)),
    previousFrom: prev.from,
    previousTo: prev.to,
  };
}
