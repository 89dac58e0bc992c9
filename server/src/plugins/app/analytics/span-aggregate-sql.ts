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
 * Group states of consecutive periods in one pass: the incidents of the periods
 * are scanned once and grouped by (period, group key), the period told by the
 * facts' local calendar keys (periodKeySql). Returns one map (group key → state)
 * per period, in order.
 */
export async function spanGroupStates(ctx: AnalyticsContext, q: GroupedAnalyticsQuery, spec: MeasureSpec, periods: readonly Period[], calendar: { today: string; month: string }): Promise<Map<string, GroupState>[]> {
  const groupBy = q.groupBy ?? 'day';
  const p = new SqlParams();
  const scope = incidentScope({ ...q, from: periods[0]!.from, to: periods[periods.length - 1]!.to }, p, { lead: !spec.groupKey && needsLead(groupBy) });
  const period = periods.length === 1 ? 'NULL::date' : periodKeySql(p.add(calendar.today), p.add(calendar.month));
  const columns = Object.entries(spec.facts).map(([name, sql]) => `, ${sql} AS "${name}"`).join('');
  const keyText = spec.groupKey ? 'f.gk' : (KEY_TEXT[groupBy] ?? ((col: string) => col))('f.gk');
  const counts = spec.counts.map((c, i) => `(${c.sql})::float8 AS c${i}`);
  // whole seconds as text, joined: cheaper for PostgreSQL to send and for us to read than an int[] (see group-state.ts)
  const dists = spec.distributions.map((d, i) => `array_to_string(array_agg(${d.value}) FILTER (WHERE (${d.where}) AND ${d.value} IS NOT NULL), ',') AS d${i}`);
  const sql = `
    SELECT to_char(${period}, 'YYYY-MM-DD') AS period, ${keyText} AS key${[...counts, ...dists].map((c) => `, ${c}`).join('')}
      FROM (SELECT ${spec.groupKey ?? groupKeySql(groupBy)} AS gk, f.local_day, f.local_month, f.received AS rec${columns}
              FROM ${scope.from} WHERE ${scope.where}${spec.where ? ` AND (${spec.where})` : ''}) f
     GROUP BY ${period}, f.gk`;
  const rows = await ctx.db.query<Record<string, unknown> & { period: string | null; key: string }>(sql, p.values);
  const out = periods.map(() => new Map<string, GroupState>());
  const index = new Map(periods.map((period, i) => [period.key, i]));
  for (const row of rows) {
    const state: GroupState = {
      counts: Float64Array.from(spec.counts, (_, i) => Number(row[`c${i}`] ?? 0)),
      dists: spec.distributions.map((_, i) => distributionFromCsv((row[`d${i}`] as string | null) ?? null)),
    };
    const i = periods.length === 1 ? 0 : index.get(String(row.period));
    if (i === undefined) throw new Error(`an incident of period ${row.period} outside the periods scanned`);
    out[i]!.set(String(row.key), state);
  }
  return out;
}
