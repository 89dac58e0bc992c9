import { percentilesOfParts, TIME_GROUPINGS, type AnalyticsGrouping, type GroupedAnalyticsQuery } from '@lianfang/shared';
import type { AnalyticsContext } from './analytics-scope.js';
import { sumCounts, type GroupState } from './group-state.js';
import { needsLead } from './incident-expressions.js';
import type { GroupedFigures, MeasureSpec } from './measure-spec.js';
import { changedSince, windowPeriods, type WindowPeriods } from './settled-periods.js';
import { spanGroupStates } from './span-aggregate-sql.js';
import { bucketLabelSql, bucketSeriesSql } from './time-buckets.js';

const isTimeGrouping = (g: AnalyticsGrouping): g is (typeof TIME_GROUPINGS)[number] => (TIME_GROUPINGS as readonly string[]).includes(g);

const LABEL_TABLES: Partial<Record<AnalyticsGrouping, string>> = { grid: 'grids', team: 'teams' };

/**
 * What makes two requests' settled periods interchangeable: the table, the
 * grouping, the filters and the zone, and for tables that read the lead unit's
 * force or team (joined as they are now) the units' current force and team.
 */
async function shapeOf(ctx: AnalyticsContext, q: GroupedAnalyticsQuery, spec: MeasureSpec): Promise<string> {
  const groupBy = spec.groupKey ? 'own key' : (q.groupBy ?? 'day');
  let units = '';
  if ((!spec.groupKey && needsLead(q.groupBy)) || q.force || q.teamId) {
    const [row] = await ctx.db.query<{ fp: string | null }>(`SELECT md5(string_agg(id || '/' || force || '/' || COALESCE(team_id, ''), ',' ORDER BY id)) AS fp FROM units`);
    units = row?.fp ?? '';
  }
  return JSON.stringify([spec.id, groupBy, q.gridId ?? null, q.force ?? null, q.teamId ?? null, q.category ?? null, q.priority ?? null, ctx.timeZone, units]);
}

/**
 * The group states of every period of the window: settled periods from the
 * kept figures when no incident of theirs changed since (checked on the facts'
 * change marks), the rest from the facts in as few scans as there are runs of
 * consecutive missing periods (one when nothing is kept, one for today when all is).
 */
async function periodStates(ctx: AnalyticsContext, q: GroupedAnalyticsQuery, spec: MeasureSpec, window: WindowPeriods): Promise<ReadonlyMap<string, GroupState>[]> {
  const { periods, snapshot, todayMs } = window;
  const kept = ctx.settled;
  const states: (ReadonlyMap<string, GroupState> | undefined)[] = periods.map(() => undefined);
  const shape = kept ? await shapeOf(ctx, q, spec) : '';
  if (kept) {
    const entries = periods.map((p) => (p.settled ? kept.get(shape, p.fromMs, p.toMs) : undefined));
    // one look at the change marks per distinct snapshot the entries were true in (usually one: the last request's)
    const bySnapshot = new Map<string, number[]>();
    entries.forEach((e, i) => {
      if (!e) return;
      const list = bySnapshot.get(e.snapshot);
      if (list) list.push(i);
      else bySnapshot.set(e.snapshot, [i]);
    });
    for (const [since, indexes] of bySnapshot) {
      const changed = since === snapshot ? [] : await changedSince(ctx.db, since, todayMs);
      for (const i of indexes) {
        const p = periods[i]!;
        const entry = entries[i]!;
        if (changed.some((at) => at >= p.fromMs && at < p.toMs)) {
          kept.drop(shape, p.fromMs, p.toMs);
          continue;
        }
        // nothing of the period changed between the two snapshots: the entry is as true in this one
        entry.snapshot = snapshot;
        states[i] = entry.groups;
      }
    }
  }
  for (let i = 0; i < periods.length; ) {
    if (states[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < periods.length && !states[j]) j++;
    const computed = await spanGroupStates(ctx, q, spec, periods.slice(i, j), window);
    computed.forEach((groups, k) => {
      const p = periods[i + k]!;
      states[i + k] = groups;
      if (kept && p.settled) kept.put(shape, p.fromMs, p.toMs, snapshot, groups);
    });
    i = j;
  }
  return states.map((s) => s ?? new Map());
}

/** A group's figures from its parts (one state per period it occurs in): counts summed, percentiles over all the parts' values. */
function figuresOf(spec: MeasureSpec, key: string, label: string, parts: readonly GroupState[]): GroupedFigures {
  const out: GroupedFigures = { key, label };
  const counts = sumCounts(parts, spec.counts.length);
  spec.counts.forEach((c, i) => (out[c.name] = counts[i]!));
  spec.distributions.forEach((d, j) => (out[d.name] = percentilesOfParts(parts.map((s) => s.dists[j]!), d.percentiles)));
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
export async function groupedAggregate(ctx: AnalyticsContext, q: GroupedAnalyticsQuery, spec: MeasureSpec): Promise<{ groups: GroupedFigures[]; total: GroupedFigures }> {
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
      for (const r of await ctx.db.query<{ id: string; name: string }>(`SELECT id, name FROM ${table} WHERE id = ANY($1::text[])`, [present])) names.set(r.id, r.name);
    }
    keys = present.map((key) => ({ key, label: names.get(key) ?? key }));
  }
  return {
    groups: keys.map(({ key, label }) => figuresOf(spec, key, label, perKey.get(key) ?? [])),
    total: figuresOf(spec, 'all', 'all', states.flatMap((groups) => [...groups.values()])),
  };
}
