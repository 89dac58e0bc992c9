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

// count(DISTINCT) forces a sort; a unit row is one unit, so it is only counted for the rollups.
const ROLLUPS: Record<UnitRollup, { key: string; label: string; force: string; teamId: string; units: string; groupBy: string; order: string }> = {
  unit: { key: 'u.id', label: 'u.callsign', force: 'u.force', teamId: 'u.team_id', units: '1', groupBy: 'u.id, u.callsign, u.force, u.team_id', order: 'label, key' },
  team: { key: `COALESCE(u.team_id, '${NO_GROUP}')`, label: `COALESCE(t.name, '${NO_GROUP}')`, force: 't.force', teamId: 'u.team_id', units: 'count(DISTINCT u.id)::int', groupBy: 'u.team_id, t.name, t.force', order: 'key' },
  force: { key: 'u.force', label: 'u.force', force: 'u.force', teamId: 'NULL::text', units: 'count(DISTINCT u.id)::int', groupBy: 'u.force', order: 'key' },
};

/**
 * What each unit did on the incidents received in the window (same incident
 * filters as every table; `force`/`teamId` select the units themselves). Every unit
 * is listed, idle ones with zeros: "who was not used" is a question too.
 */
export async function unitActivity(ctx: AnalyticsContext, q: UnitActivityQuery): Promise<UnitActivityRow[]> {
  const r = ROLLUPS[q.per ?? 'unit'];
  const p = new SqlParams();
  const scope = incidentScope(q, p, { receivedOnly: true, leadFilters: false });
  const unitFilters = [q.force ? `u.force = ${p.add(q.force, 'text')}` : null, q.teamId ? `u.team_id = ${p.add(q.teamId, 'text')}` : null].filter(Boolean);
  const sum = (expr: string) => `COALESCE(sum(${expr}), 0)::float8`;
  return ctx.db.query<UnitActivityRow>(
    `WITH a AS (
       SELECT iu.*, (iu.on_scene_at = f.on_scene_at) AS first
         FROM incident_units iu JOIN ${scope.from} ON f.incident_id = iu.incident_id
        -- exact: an incident is dispatched after it is received; lets the BRIN skip older assignments
        WHERE ${scope.where} AND iu.dispatched_at >= ${p.add(q.from, 'timestamptz')})
     SELECT ${r.key} AS key, ${r.label} AS label, ${r.force} AS force, ${r.teamId} AS "teamId",
            ${r.units} AS units,
            count(a.incident_id)::int AS assignments,
            count(a.on_scene_at)::int AS arrived,
            count(*) FILTER (WHERE a.first)::int AS "firstOnScene",
            count(*) FILTER (WHERE a.status = 'declined')::int AS declined,
            count(a.ack_timeout_at)::int AS "ackTimeouts",
            ${Object.entries(SPELLS).map(([name, expr]) => `${sum(expr)} AS "${name}"`).join(',\n            ')}
       FROM units u LEFT JOIN teams t ON t.id = u.team_id LEFT JOIN a ON a.unit_id = u.id
      ${unitFilters.length > 0 ? `WHERE ${unitFilters.join(' AND ')}` : ''}
      GROUP BY ${r.groupBy}
      ORDER BY ${r.order}`,
    p.values,
  );
}
