import { NO_GROUP, type UnitActivityQuery, type UnitActivityRow, type UnitRollup } from '@lianfang/shared';
import type { AnalyticsContext } from './analytics-scope.js';
import type { MeasureSpec } from './measure-spec.js';
import { periodStates } from './period-states.js';
import { windowPeriods } from './settled-periods.js';
import { SqlParams } from './sql-params.js';

/**
 * Per unit and period, from assignment_facts (migration 012, kept by the same
 * triggers as the incident facts): the spells are defined once, in its view
 * assignment_facts_source. A spell ends at the next recorded time; one that has
 * not ended (a unit still on scene) is NULL there, left out rather than guessed,
 * so a finished period always shows the same figures.
 *
 * The spells are summed in whole microseconds (the timestamps' own resolution):
 * integer sums are exact in float8, so a year summed from its kept months is the
 * same number to the last bit as the year summed at once.
 */
const COUNTS = [
  { name: 'assignments', sql: 'count(*)' },
  { name: 'arrived', sql: 'count(*) FILTER (WHERE f.arrived)' },
  { name: 'firstOnScene', sql: 'count(*) FILTER (WHERE f.first_on_scene)' },
  { name: 'declined', sql: 'count(*) FILTER (WHERE f.declined)' },
  { name: 'ackTimeouts', sql: 'count(*) FILTER (WHERE f.ack_timeout)' },
  { name: 'dispatchedSeconds', sql: 'sum(round(f.dispatched_s * 1e6::float8))' },
  { name: 'acknowledgedSeconds', sql: 'sum(round(f.acknowledged_s * 1e6::float8))' },
  { name: 'enRouteSeconds', sql: 'sum(round(f.en_route_s * 1e6::float8))' },
  { name: 'onSceneSeconds', sql: 'sum(round(f.on_scene_s * 1e6::float8))' },
] as const;
const SECONDS = new Set<string>(['dispatchedSeconds', 'acknowledgedSeconds', 'enRouteSeconds', 'onSceneSeconds']);

/** One group per unit; the unit's force and team are joined afterwards, as they are now. */
const SPEC: MeasureSpec = {
  id: 'units/per-unit',
  source: 'assignments',
  groupKey: 'f.unit_id',
  facts: {
    arrived: 'f.arrived',
    first_on_scene: 'f.first_on_scene',
    declined: 'f.declined',
    ack_timeout: 'f.ack_timeout',
    dispatched_s: 'f.dispatched_s',
    acknowledged_s: 'f.acknowledged_s',
    en_route_s: 'f.en_route_s',
    on_scene_s: 'f.on_scene_s',
  },
  counts: COUNTS,
  distributions: [],
};

// Each unit row below is one unit (the assignments are summed per unit first), so a rollup counts its rows.
const ROLLUPS: Record<UnitRollup, { key: string; label: string; force: string; teamId: string; units: string; groupBy: string; order: string }> = {
  unit: {
    key: 'u.id',
    label: 'u.callsign',
    force: 'u.force',
    teamId: 'u.team_id',
    units: '1',
    groupBy: 'u.id, u.callsign, u.force, u.team_id',
    order: 'label, key',
  },
  team: {
    key: `COALESCE(u.team_id, '${NO_GROUP}')`,
    label: `COALESCE(t.name, '${NO_GROUP}')`,
    force: 't.force',
    teamId: 'u.team_id',
    units: 'count(*)::int',
    groupBy: 'u.team_id, t.name, t.force',
    order: 'key',
  },
  force: { key: 'u.force', label: 'u.force', force: 'u.force', teamId: 'NULL::text', units: 'count(*)::int', groupBy: 'u.force', order: 'key' },
};

/**
 * What each unit did on the incidents received in the window (same incident
 * filters as every table; `force`/`teamId` select the units themselves). Every unit
 * is listed, idle ones with zeros: "who was not used" is a question too.
 * The assignments are summed per unit and period (settled periods kept, as the
 * incident tables: period-states.ts), the periods per unit here, and the units
 * per team or force in SQL against the units as they are now.
 */
export async function unitActivity(ctx: AnalyticsContext, q: UnitActivityQuery): Promise<UnitActivityRow[]> {
  // force and team select units below: they are not part of what the periods keep
  const incidents = { from: q.from, to: q.to, gridId: q.gridId, category: q.category, priority: q.priority };
  const states = await periodStates(ctx, incidents, SPEC, await windowPeriods(ctx.db, q.from, q.to, ctx.timeZone));
  const totals = new Map<string, Float64Array>();
  for (const groups of states) {
    for (const [unit, state] of groups) {
      let sum = totals.get(unit);
      if (!sum) totals.set(unit, (sum = new Float64Array(COUNTS.length)));
      for (let i = 0; i < COUNTS.length; i++) sum[i]! += state.counts[i]!;
    }
  }
  const units = [...totals.keys()];
  const sums = [...totals.values()];

  const r = ROLLUPS[q.per ?? 'unit'];
  const p = new SqlParams();
  const columns = COUNTS.map((_, i) =>
    p.add(
      sums.map((s) => s[i]!),
      'float8[]',
    ),
  );
  const perUnit = `SELECT * FROM unnest(${p.add(units, 'text[]')}, ${columns.join(', ')}) AS pu(unit_id, ${COUNTS.map((c) => `"${c.name}"`).join(', ')})`;
  const unitFilters = [q.force ? `u.force = ${p.add(q.force, 'text')}` : null, q.teamId ? `u.team_id = ${p.add(q.teamId, 'text')}` : null].filter(Boolean);
  return ctx.db.query<UnitActivityRow>(
    `WITH per_unit AS (${perUnit})
     SELECT ${r.key} AS key, ${r.label} AS label, ${r.force} AS force, ${r.teamId} AS "teamId",
            ${r.units} AS units,
            ${COUNTS.map(({ name }) => (SECONDS.has(name) ? `(COALESCE(sum(pu."${name}"), 0) / 1e6::float8) AS "${name}"` : `COALESCE(sum(pu."${name}"), 0)::int AS "${name}"`)).join(',\n            ')}
       FROM units u LEFT JOIN teams t ON t.id = u.team_id LEFT JOIN per_unit pu ON pu.unit_id = u.id
      ${unitFilters.length > 0 ? `WHERE ${unitFilters.join(' AND ')}` : ''}
      GROUP BY ${r.groupBy}
      ORDER BY ${r.order}`,
    p.values,
  );
}
