import { NO_GROUP, type UnitActivityQuery, type UnitActivityRow, type UnitRollup } from '@lianfang/shared';
import { incidentScope, type AnalyticsContext } from './analytics-scope.js';
import { SqlParams } from './sql-params.js';

/**
 * Per assignment, from assignment_facts (migration 012, kept by the same triggers
 * as the incident facts): the spells are defined once, in its view
 * assignment_facts_source. A spell ends at the next recorded time; one that has
 * not ended (a unit still on scene) is NULL there, left out rather than guessed,
 * so a finished period always shows the same figures.
 */
const PER_ASSIGNMENT = {
  assignments: 'count(*)',
  arrived: 'count(*) FILTER (WHERE f.arrived)',
  firstOnScene: 'count(*) FILTER (WHERE f.first_on_scene)',
  declined: 'count(*) FILTER (WHERE f.declined)',
  ackTimeouts: 'count(*) FILTER (WHERE f.ack_timeout)',
  dispatchedSeconds: 'sum(f.dispatched_s)',
  acknowledgedSeconds: 'sum(f.acknowledged_s)',
  enRouteSeconds: 'sum(f.en_route_s)',
  onSceneSeconds: 'sum(f.on_scene_s)',
} as const;
const SECONDS = new Set(['dispatchedSeconds', 'acknowledgedSeconds', 'enRouteSeconds', 'onSceneSeconds']);

// Each unit row below is one unit (the assignments are summed per unit first), so a rollup counts its rows.
const ROLLUPS: Record<UnitRollup, { key: string; label: string; force: string; teamId: string; units: string; groupBy: string; order: string }> = {
  unit: { key: 'u.id', label: 'u.callsign', force: 'u.force', teamId: 'u.team_id', units: '1', groupBy: 'u.id, u.callsign, u.force, u.team_id', order: 'label, key' },
  team: { key: `COALESCE(u.team_id, '${NO_GROUP}')`, label: `COALESCE(t.name, '${NO_GROUP}')`, force: 't.force', teamId: 'u.team_id', units: 'count(*)::int', groupBy: 'u.team_id, t.name, t.force', order: 'key' },
  force: { key: 'u.force', label: 'u.force', force: 'u.force', teamId: 'NULL::text', units: 'count(*)::int', groupBy: 'u.force', order: 'key' },
};

/**
 * What each unit did on the incidents received in the window (same incident
 * filters as every table; `force`/`teamId` select the units themselves). Every unit
 * is listed, idle ones with zeros: "who was not used" is a question too.
 * The assignments are summed per unit in one hash aggregate (2,000 groups), then
 * the units per team or force: grouping the assignments by force directly sorted a
 * year of them (1.2 million rows, on disk) for count(DISTINCT unit), and joining
 * them to their incidents cost more than the sums.
 */
export async function unitActivity(ctx: AnalyticsContext, q: UnitActivityQuery): Promise<UnitActivityRow[]> {
  const r = ROLLUPS[q.per ?? 'unit'];
  const p = new SqlParams();
  const scope = incidentScope(q, p, { receivedOnly: true, leadFilters: false, table: 'assignment_facts f' });
  const unitFilters = [q.force ? `u.force = ${p.add(q.force, 'text')}` : null, q.teamId ? `u.team_id = ${p.add(q.teamId, 'text')}` : null].filter(Boolean);
  return ctx.db.query<UnitActivityRow>(
    `WITH per_unit AS (
       SELECT f.unit_id, ${Object.entries(PER_ASSIGNMENT).map(([name, sql]) => `${sql} AS "${name}"`).join(', ')}
         FROM ${scope.from} WHERE ${scope.where}
        GROUP BY f.unit_id)
     SELECT ${r.key} AS key, ${r.label} AS label, ${r.force} AS force, ${r.teamId} AS "teamId",
            ${r.units} AS units,
            ${Object.keys(PER_ASSIGNMENT).map((name) => `COALESCE(sum(pu."${name}"), 0)::${SECONDS.has(name) ? 'float8' : 'int'} AS "${name}"`).join(',\n            ')}
       FROM units u LEFT JOIN teams t ON t.id = u.team_id LEFT JOIN per_unit pu ON pu.unit_id = u.id
      ${unitFilters.length > 0 ? `WHERE ${unitFilters.join(' AND ')}` : ''}
      GROUP BY ${r.groupBy}
      ORDER BY ${r.order}`,
    p.values,
  );
}
