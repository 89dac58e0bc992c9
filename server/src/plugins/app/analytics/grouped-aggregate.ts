import { TIME_GROUPINGS, type AnalyticsGrouping, type GroupedAnalyticsQuery } from '@lianfang/shared';
import { incidentScope, type AnalyticsContext } from './analytics-scope.js';
import { groupKeySql, needsLead } from './incident-expressions.js';
import { SqlParams } from './sql-params.js';
import { bucketLabelSql, bucketSeriesSql } from './time-buckets.js';

/**
 * One aggregate column: its name in the reply row and its SQL over the facts `f`
 * (`key`, `rec` and the fact columns). `total`, when given, is the same figure
 * for the whole window computed from the group rows `g` (a count is the sum of
 * the groups' counts): when every column has one, the groups are hashed and the
 * total row is summed from them instead of aggregating every incident twice.
 */
export interface Aggregate { name: string; sql: string; total?: string }

/** A count and its exact total over the groups. */
export const countAggregate = (name: string, sql: string): Aggregate => ({ name, sql, total: `COALESCE(sum(g."${name}"), 0)::int` });

/** Per-incident values the aggregates read, as SQL over the facts `f` (column name → expression). */
export type Facts = Readonly<Record<string, string>>;

export type GroupedRaw = Record<string, unknown> & { key: string; label: string };

const isTimeGrouping = (g: AnalyticsGrouping): g is (typeof TIME_GROUPINGS)[number] => (TIME_GROUPINGS as readonly string[]).includes(g);

const LABELS: Partial<Record<AnalyticsGrouping, { join: string; label: string }>> = {
  grid: { join: 'LEFT JOIN grids g ON g.id = k.key', label: 'COALESCE(g.name, k.key)' },
  team: { join: 'LEFT JOIN teams t ON t.id = k.key', label: 'COALESCE(t.name, k.key)' },
};

/**
 * Runs `aggregates` once per group and once over everything (ROLLUP: one scan for
 * both, or the groups summed when every aggregate says how) over the stored per-incident facts. Time buckets are grouped on the facts'
 * local date columns and labelled once per bucket. Time
 * groupings list every bucket of the window, empty ones included, so a quiet day
 * is a 0 on the chart and not a gap; other groupings list what occurs.
 */
export async function groupedAggregate(ctx: AnalyticsContext, q: GroupedAnalyticsQuery, facts: Facts, aggregates: readonly Aggregate[]): Promise<{ groups: GroupedRaw[]; total: GroupedRaw }> {
  const groupBy = q.groupBy ?? 'day';
  const p = new SqlParams();
  const tz = p.lazy(ctx.timeZone, 'text');
  const scope = incidentScope(q, p, { lead: needsLead(groupBy) });
  // the series is of local timestamps, the facts' keys are local dates
  const keys = isTimeGrouping(groupBy)
    ? bucketSeriesSql(groupBy, p.add(q.from), p.add(q.to), tz())
    : 'SELECT key FROM agg WHERE NOT is_total';
  const keyText = isTimeGrouping(groupBy) ? bucketLabelSql(groupBy, 'k.key') : 'k.key';
  const label = LABELS[groupBy] ?? { join: '', label: keyText };
  const columns = aggregates.map((a) => `a."${a.name}"`).join(', ');
  const rowsSql = `SELECT ${groupKeySql(groupBy)} AS key, f.received AS rec, ${Object.entries(facts).map(([name, sql]) => `${sql} AS "${name}"`).join(', ')}
                FROM ${scope.from} WHERE ${scope.where}`;
  const perGroup = aggregates.map((a) => `${a.sql} AS "${a.name}"`).join(', ');
  const totals = aggregates.every((a) => a.total !== undefined) ? aggregates.map((a) => `${a.total} AS "${a.name}"`).join(', ') : null;
  // Without percentiles every total is exact from the group rows, so each incident is aggregated once (hash, no sort).
  // A percentile of the window needs every value, so ROLLUP aggregates each incident for its group and for the total.
  const agg = totals
    ? `grp AS (SELECT key, ${perGroup} FROM (${rowsSql}) f GROUP BY key),
    agg AS (SELECT key, false AS is_total, ${aggregates.map((a) => `"${a.name}"`).join(', ')} FROM grp
            UNION ALL SELECT NULL, true, ${totals} FROM grp g)`
    : `agg AS (
      SELECT key, GROUPING(key) = 1 AS is_total, ${perGroup}
        FROM (${rowsSql}) f
       GROUP BY ROLLUP (key))`;
  const sql = `
    WITH ${agg},
    k AS (${keys})
    SELECT ${keyText} AS key, ${label.label} AS label, false AS is_total, ${columns}
      FROM k LEFT JOIN agg a ON a.key = ${isTimeGrouping(groupBy) ? 'k.key::date' : 'k.key'} AND NOT a.is_total ${label.join}
    UNION ALL
    SELECT 'all', 'all', true, ${columns} FROM agg a WHERE a.is_total
    ORDER BY is_total, key`;
  const rows = await ctx.db.query<GroupedRaw & { is_total: boolean }>(sql, p.values);
  const total = rows.find((r) => r.is_total);
  if (!total) throw new Error('ROLLUP returned no total row');
  return { groups: rows.filter((r) => !r.is_total), total };
}
