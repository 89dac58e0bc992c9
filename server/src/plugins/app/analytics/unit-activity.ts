import { NO_GROUP, type UnitActivityQuery, type UnitActivityRow, type UnitRollup } from '@lianfang/shared';
import { incidentScope, type AnalyticsContext } from './analytics-scope.js';
import { secondsBetweenSql } from './incident-expressions.js';
import { SqlParams } from './sql-params.js';

const seconds = secondsBetweenSql;
// As in responsePhases: arriving without reporting "en route" means travelling since acknowledgement (or dispatch).
const EN_ROUTE_START = `COALESCE(a.en_route_at, CASE WHEN a.on_scene_at IS NOT NULL THEN COALESCE(a.acknowledged_at, a.dispatched_at) END)`;

/**
 * Time per assignment state, from the assignment's own times. A spell ends at the
 * next recorded time; one that has not ended (a unit still on scene) is left out
 * rather than guessed, so a finished period always shows the same figures.
 */
const SPELLS = {
  dispatchedSeconds: seconds('a.dispatched_at', `COALESCE(a.acknowledged_at, ${EN_ROUTE_START}, a.on_scene_at, a.cleared_at)`),
  acknowledgedSeconds: seconds('a.acknowledged_at', `COALESCE(${EN_ROUTE_START}, a.on_scene_at, a.cleared_at)`),
  enRouteSeconds: seconds(EN_ROUTE_START, 'COALESCE(a.on_scene_at, a.cleared_at)'),
  onSceneSeconds: seconds('a.on_scene_at', 'a.cleared_at'),
};

// Each unit row below is one unit (the assignments are summed per unit first), so a rollup counts its rows.
const ROLLUPS: Record<UnitRollup, { key: string; label: string; force: string; teamId: string; units: string; groupBy: string; order: string }> = {
  unit: { key: 'u.id', label: 'u.callsign', force: 'u.force', teamId: 'u.team_id', units: '1', groupBy: 'u.id, u.callsign, u.force, u.team_id', order: 'label, key' },
  team: { key: `COALESCE(u.team_id, '${NO_GROUP}')`, label: `COALESCE(t.name, '${NO_GROUP}')`, force: 't.force', teamId: 'u.team_id', units: 'count(*)::int', groupBy: 'u.team_id, t.name, t.force', order: 'key' },
  force: { key: 'u.force', label: 'u.force', force: 'u.force', teamId: 'NULL::text', units: 'count(*)::int', groupBy: 'u.force', order: 'key' },
};

const COUNTS = ['assignments', 'arrived', 'firstOnScene', 'declined', 'ackTimeouts'] as const;

/**
 * What each unit did on the incidents received in the window (same incident
 * filters as every table; `force`/`teamId` select the units themselves). Every unit
 * is listed, idle ones with zeros: "who was not used" is a question too.
 * The assignments are summed per unit in one hash aggregate (2,000 groups), then
 * the units per team or force: grouping the assignments by force directly sorted a
 * year of them (1.2 million rows, on disk) for count(DISTINCT unit).
 */
export async function unitActivity(ctx: AnalyticsContext, q: UnitActivityQuery): Promise<UnitActivityRow[]> {
  const r = ROLLUPS[q.per ?? 'unit'];
  const p = new SqlParams();
  const scope = incidentScope(q, p, { receivedOnly: true, leadFilters: false });
  const unitFilters = [q.force ? `u.force = ${p.add(q.force, 'text')}` : null, q.teamId ? `u.team_id = ${p.add(q.teamId, 'text')}` : null].filter(Boolean);
  return ctx.db.query<UnitActivityRow>(
    `WITH per_unit AS (
       SELECT a.unit_id,
              count(*) AS assignments,
              count(a.on_scene_at) AS arrived,
              count(*) FILTER (WHERE a.on_scene_at = f.on_scene_at) AS "firstOnScene",
              count(*) FILTER (WHERE a.status = 'declined') AS declined,
              count(a.ack_timeout_at) AS "ackTimeouts",
              ${Object.entries(SPELLS).map(([name, expr]) => `sum(${expr}) AS "${name}"`).join(',\n              ')}
         FROM incident_units a JOIN ${scope.from} ON f.incident_id = a.incident_id
        -- exact: an incident is dispatched after it is received; lets the BRIN skip older assignments
        WHERE ${scope.where} AND a.dispatched_at >= ${p.add(q.from, 'timestamptz')}
        GROUP BY a.unit_id)
     SELECT ${r.key} AS key, ${r.label} AS label, ${r.force} AS force, ${r.teamId} AS "teamId",
            ${r.units} AS units,
            ${COUNTS.map((name) => `COALESCE(sum(pu."${name}"), 0)::int AS "${name}"`).join(',\n            ')},
            ${Object.keys(SPELLS).map((name) => `COALESCE(sum(pu."${name}"), 0)::float8 AS "${name}"`).join(',\n            ')}
       FROM units u LEFT JOIN teams t ON t.id = u.team_id LEFT JOIN per_unit pu ON pu.unit_id = u.id
      ${unitFilters.length > 0 ? `WHERE ${unitFilters.join(' AND ')}` : ''}
      GROUP BY ${r.groupBy}
      ORDER BY ${r.order}`,
    p.values,
  );
}
