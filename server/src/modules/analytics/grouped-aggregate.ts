import { percentilesOfParts, TIME_GROUPINGS, type AnalyticsGrouping, type GroupedAnalyticsQuery } from '@lianfang/shared';
import type { AnalyticsContext } from './analytics-scope.js';
import { sumCounts, type GroupState } from './group-state.js';
import type { GroupedFigures, MeasureSpec } from './measure-spec.js';
import { periodStates } from './period-states.js';
import { windowPeriods } from './settled-periods.js';
import { bucketLabelSql, bucketSeriesSql } from './time-buckets.js';

const isTimeGrouping = (g: AnalyticsGrouping): g is (typeof TIME_GROUPINGS)[number] => (TIME_GROUPINGS as readonly string[]).includes(g);

const LABEL_TABLES: Partial<Record<AnalyticsGrouping, string>> = { grid: 'grids', team: 'teams' };

/** A group's figures from its parts (one state per period it occurs in): counts summed, percentiles over all the parts' values. */
function figuresOf(spec: MeasureSpec, key: string, label: string, parts: readonly GroupState[]): GroupedFigures {
  const out: GroupedFigures = { key, label };
  const counts = sumCounts(parts, spec.counts.length);
  spec.counts.forEach((c, i) => (out[c.name] = counts[i]!));
  spec.distributions.forEach(
    (d, j) =>
      (out[d.name] = percentilesOfParts(
        parts.map((s) => s.dists[j]!),
        d.percentiles,
      )),
  );
  return out;
}

/**
 * A measure's figures per group and for the whole window. Counts are summed and
 * percentiles taken from the merged distributions (shared code, exact: the same
 * as percentile_cont over every value), so a kept month and today's incidents
 * give the year's figures exactly. Time groupings list every bucket of the
 * window, empty ones included, so a quiet day is a 0 on the chart and not a gap;
 * other groupings list what occurs, in key order.
 */
export async function groupedAggregate(
  ctx: AnalyticsContext,
  q: GroupedAnalyticsQuery,
  spec: MeasureSpec,
): Promise<{ groups: GroupedFigures[]; total: GroupedFigures }> {
  const groupBy = q.groupBy ?? 'day';
  const states = await periodStates(ctx, q, spec, await windowPeriods(ctx.db, q.from, q.to, ctx.timeZone));
  const perKey = new Map<string, GroupState[]>();
  for (const groups of states) {
    for (const [key, state] of groups) {
      const parts = perKey.get(key);
      if (parts) parts.push(state);
      else perKey.set(key, [state]);
    }
  }

  let keys: { key: string; label: string }[];
  if (!spec.groupKey && isTimeGrouping(groupBy)) {
    keys = await ctx.db.query<{ key: string; label: string }>(
      `SELECT ${bucketLabelSql(groupBy, 'k.key')} AS key, ${bucketLabelSql(groupBy, 'k.key')} AS label FROM (${bucketSeriesSql(groupBy, '$1', '$2', '$3::text')}) k ORDER BY k.key`,
      [q.from, q.to, ctx.timeZone],
    );
  } else {
    const present = [...perKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const table = spec.groupKey ? undefined : LABEL_TABLES[groupBy];
    const names = new Map<string, string>();
    if (table && present.length > 0) {
      for (const r of await ctx.db.query<{ id: string; name: string }>(`SELECT id, name FROM ${table} WHERE id = ANY($1::text[])`, [present]))
        names.set(r.id, r.name);
    }
    keys = present.map((key) => ({ key, label: names.get(key) ?? key }));
  }
  return {
    groups: keys.map(({ key, label }) => figuresOf(spec, key, label, perKey.get(key) ?? [])),
    total: figuresOf(
      spec,
      'all',
      'all',
      states.flatMap((groups) => [...groups.values()]),
    ),
  };
}
