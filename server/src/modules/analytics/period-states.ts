import type { GroupedAnalyticsQuery } from '@lianfang/shared';
import type { AnalyticsContext } from './analytics-scope.js';
import type { GroupState } from './group-state.js';
import { needsLead } from './incident-expressions.js';
import type { MeasureSpec } from './measure-spec.js';
import { changedSince, type WindowPeriods } from './settled-periods.js';
import { spanGroupStates } from './span-aggregate-sql.js';

/**
 * What makes two requests' settled periods interchangeable: the table, the
 * grouping, the filters and the zone, and for tables that read the lead unit's
 * force or team (joined as they are now) the units' current force and team.
 * Returned as a function of the table id, so a wider table's shape costs no second look at the units.
 */
async function shapeOf(ctx: AnalyticsContext, q: GroupedAnalyticsQuery, spec: MeasureSpec): Promise<(id: string) => string> {
  const groupBy = spec.groupKey ? 'own key' : (q.groupBy ?? 'day');
  let units = '';
  if ((!spec.groupKey && needsLead(q.groupBy)) || q.force || q.teamId) {
    const [row] = await ctx.db.query<{ fp: string | null }>(
      `SELECT md5(string_agg(id || '/' || force || '/' || COALESCE(team_id, ''), ',' ORDER BY id)) AS fp FROM units`,
    );
    units = row?.fp ?? '';
  }
  return (id) =>
    JSON.stringify([id, groupBy, q.gridId ?? null, q.force ?? null, q.teamId ?? null, q.category ?? null, q.priority ?? null, ctx.timeZone, units]);
}

/**
 * The group states of every period of the window: settled periods from the
 * kept figures (this table's, or a wider table's that holds them: `servedFrom`)
 * when no incident of theirs changed since (checked on the facts' change marks),
 * the rest from the facts in as few statements as there are runs of consecutive
 * missing periods (one when nothing is kept, one for today when all is).
 */
export async function periodStates(
  ctx: AnalyticsContext,
  q: GroupedAnalyticsQuery,
  spec: MeasureSpec,
  window: WindowPeriods,
): Promise<ReadonlyMap<string, GroupState>[]> {
  const { periods, snapshot, todayMs } = window;
  const kept = ctx.settled;
  const states: (ReadonlyMap<string, GroupState> | undefined)[] = periods.map(() => undefined);
  const shapeFor = kept ? await shapeOf(ctx, q, spec) : undefined;
  const shape = shapeFor?.(spec.id) ?? '';
  if (kept && shapeFor) {
    const wider = spec.servedFrom;
    const shapes = wider ? [shape, shapeFor(wider.id)] : [shape];
    const entries = periods.map((p) => (p.settled ? kept.first(shapes, p.fromMs, p.toMs) : undefined));
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
          kept.drop(entry.shape, p.fromMs, p.toMs);
          continue;
        }
        // nothing of the period changed between the two snapshots: the entry is as true in this one
        entry.snapshot = snapshot;
        states[i] = entry.shape === shape || !wider ? entry.groups : project(entry.groups, wider.dists);
      }
    }
  }
  for (let i = 0; i < periods.length;) {
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

/** A wider table's group states as this table's: the same counts, and the distributions it reads. */
function project(groups: ReadonlyMap<string, GroupState>, dists: readonly number[]): ReadonlyMap<string, GroupState> {
  const out = new Map<string, GroupState>();
  for (const [key, s] of groups) out.set(key, { counts: s.counts, dists: dists.map((d) => s.dists[d]!) });
  return out;
}
