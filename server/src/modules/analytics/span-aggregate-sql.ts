import type { AnalyticsGrouping, GroupedAnalyticsQuery } from '@lianfang/shared';
import { incidentScope, type AnalyticsContext } from './analytics-scope.js';
import { distributionFromCsv, type GroupState } from './group-state.js';
import { groupKeySql, needsLead } from './incident-expressions.js';
import type { MeasureSpec } from './measure-spec.js';
import { periodKeySql, type Period } from './settled-periods.js';
import { SqlParams } from './sql-params.js';

/** The text key of a group as the API gives it: a local date (day, ISO week's Monday), a month, or the text key. */
const KEY_TEXT: Partial<Record<AnalyticsGrouping, (col: string) => string>> = {
  day: (col) => `to_char(${col}, 'YYYY-MM-DD')`,
  week: (col) => `to_char(${col}, 'YYYY-MM-DD')`,
  month: (col) => `to_char(${col}, 'YYYY-MM')`,
};

/**
 * Group states of consecutive periods in one statement, grouped by (period,
 * group key). Returns one map (group key → state) per period, in order.
 */
export async function spanGroupStates(
  ctx: AnalyticsContext,
  q: GroupedAnalyticsQuery,
  spec: MeasureSpec,
  periods: readonly Period[],
  calendar: { today: string; month: string },
): Promise<Map<string, GroupState>[]> {
  const groupBy = q.groupBy ?? 'day';
  const p = new SqlParams();
  const scopeOf = (from: string, to: string) =>
    spec.source === 'assignments'
      ? incidentScope({ ...q, from, to }, p, { receivedOnly: true, leadFilters: false, table: 'assignment_facts f' })
      : incidentScope({ ...q, from, to }, p, { lead: !spec.groupKey && needsLead(groupBy) });
  const columns = Object.entries(spec.facts)
    .map(([name, sql]) => `, ${sql} AS "${name}"`)
    .join('');
  const keyText = spec.groupKey ? 'f.gk' : (KEY_TEXT[groupBy] ?? ((col: string) => col))('f.gk');
  const counts = spec.counts.map((c, i) => `(${c.sql})::float8 AS c${i}`);
  // whole seconds as text, joined: cheaper for PostgreSQL to send and for us to read than an int[] (see group-state.ts);
  // string_agg of the text is 20 % cheaper than array_to_string(array_agg) on a year (measured, docs/performance.md)
  const dists = spec.distributions.map((d, i) => `string_agg((${d.value})::text, ',') FILTER (WHERE (${d.where}) AND ${d.value} IS NOT NULL) AS d${i}`);
  const aggregates = [...counts, ...dists].map((c) => `, ${c}`).join('');
  /** the rows of [from, to) with their group key (and period key `pk` when given) as `f` */
  const rowsOf = (from: string, to: string, period = '') => {
    const scope = scopeOf(from, to);
    return `(SELECT ${spec.groupKey ?? groupKeySql(groupBy)} AS gk${period}, f.received AS rec${columns}
               FROM ${scope.from} WHERE ${scope.where}${spec.where ? ` AND (${spec.where})` : ''}) f`;
  };
  const first = periods[0]!.from;
  const last = periods[periods.length - 1]!.to;
  let sql: string;
  let indexOf: (text: string) => number | undefined;
  if (periods.length === 1) {
    sql = `SELECT NULL::text AS period, ${keyText} AS key${aggregates} FROM ${rowsOf(first, last)} GROUP BY f.gk`;
    indexOf = () => 0;
  } else if (spec.source === 'assignments') {
    // Assignment facts carry the incident's instant only, and a table per unit has
    // thousands of groups per period: one hash aggregate per period over its own
    // range (2,000 groups each) costs half of one over (period, unit), which spills
    // out of the CPU caches (measured, docs/performance.md). Each period is its own
    // branch with its own bounds, so the planner estimates each range as it is.
    sql = periods
      .map((per, i) => `SELECT '${i}' AS period, ${keyText} AS key${aggregates} FROM ${rowsOf(per.from, per.to)} GROUP BY f.gk`)
      .join('\n     UNION ALL\n     ');
    indexOf = (text) => (/^\d+$/.test(text) && Number(text) < periods.length ? Number(text) : undefined);
  } else {
    // Incident facts carry their local calendar keys: a period is told by them (periodKeySql), no arithmetic on instants.
    const index = new Map(periods.map((period, i) => [period.key, i]));
    sql = `SELECT to_char(f.pk, 'YYYY-MM-DD') AS period, ${keyText} AS key${aggregates}
      FROM ${rowsOf(first, last, `, ${periodKeySql(p.add(calendar.today), p.add(calendar.month))} AS pk`)} GROUP BY f.pk, f.gk`;
    indexOf = (text) => index.get(text);
  }
  // The planner estimates the (period, key) groups from local_day's statistics (thousands, where a
  // year by priority has 48) and then sorts the whole window for a GroupAggregate instead of hashing:
  // 476 against 394 ms on half a million rows (measured). Sorting is turned off for this statement
  // only, and the setting the transaction had is put back after it.
  const hashOnly = spec.distributions.length > 0;
  const [before] = hashOnly
    ? await ctx.db.query<{ prev: string }>(`SELECT current_setting('enable_sort') AS prev, set_config('enable_sort', 'off', true)`)
    : [];
  const rows = await ctx.db.query<Record<string, unknown> & { period: string | null; key: string }>(sql, p.values);
  if (before) await ctx.db.query(`SELECT set_config('enable_sort', $1, true)`, [before.prev]);
  const out = periods.map(() => new Map<string, GroupState>());
  for (const row of rows) {
    const state: GroupState = {
      counts: Float64Array.from(spec.counts, (_, i) => Number(row[`c${i}`] ?? 0)),
      dists: spec.distributions.map((_, i) => distributionFromCsv((row[`d${i}`] as string | null) ?? null)),
    };
    const i = indexOf(String(row.period));
    if (i === undefined) throw new Error(`an incident of period ${row.period} outside the periods scanned`);
    out[i]!.set(String(row.key), state);
  }
  return out;
}
