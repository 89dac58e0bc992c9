import type { Force, KeyAreaComplianceRow } from '@lianfang/shared';
import type { AnalyticsContext } from './analytics-scope.js';
import { SqlParams } from './sql-params.js';

export interface KeyAreaComplianceQuery {
  from: string;
  to: string;
  force?: Force | undefined;
  teamId?: string | undefined;
}

/**
 * How a slot is found visited: CTEs that end in `tally (id, required, visited)`,
 * given the required slots in `slots (id, s0, s1)`, the areas in `a` and the
 * window's bounds. `unitFilter` is the force/team condition on `u` (units), or empty.
 */
export type TallySql = (p: SqlParams, w: { from: string; to: string; unitFilter: string }) => string;

/**
 * The compliance table: the required slots and a rule for "visited".
 *
 * Each day's watch window (local HH:MM, may wrap midnight; equal = 24 h) is cut
 * into consecutive slots of everyMinutes from its start, the last one shorter if
 * the window does not divide evenly. A slot is required when it lies inside
 * [from, to), after the area was created and before now; compliance = visited ÷
 * required. Slot bounds are whole local minutes. Fixed slots approximate the
 * watcher's sliding rule: two visits N minutes apart can fall in one slot and
 * leave the next empty.
 */
export async function keyAreaSlotTally(ctx: AnalyticsContext, q: KeyAreaComplianceQuery, tallySql: TallySql): Promise<KeyAreaComplianceRow[]> {
  const p = new SqlParams();
  const tz = p.add(ctx.timeZone, 'text');
  const from = p.add(q.from, 'timestamptz');
  const to = p.add(q.to, 'timestamptz');
  const unitFilters = [q.force ? `u.force = ${p.add(q.force, 'text')}` : null, q.teamId ? `u.team_id = ${p.add(q.teamId, 'text')}` : null].filter(Boolean);
  const tally = tallySql(p, { from, to, unitFilter: unitFilters.join(' AND ') });
  return ctx.db.query<KeyAreaComplianceRow>(
    `WITH a AS (SELECT id, name, every_minutes, from_hhmm, to_hhmm, created_at, ring FROM key_areas),
     d AS (SELECT g::date AS day FROM generate_series(((${from} AT TIME ZONE ${tz})::date - 1)::timestamp, ((${to} AT TIME ZONE ${tz})::date)::timestamp, interval '1 day') g),
     w AS (SELECT a.id, a.every_minutes, a.created_at, d.day + a.from_hhmm::time AS ws,
                  d.day + a.to_hhmm::time + CASE WHEN a.to_hhmm::time <= a.from_hhmm::time THEN interval '1 day' ELSE interval '0 days' END AS we
             FROM a CROSS JOIN d),
     s AS (SELECT w.id, w.created_at, (g AT TIME ZONE ${tz}) AS s0, (LEAST(g + make_interval(mins => w.every_minutes), w.we) AT TIME ZONE ${tz}) AS s1
             FROM w CROSS JOIN LATERAL generate_series(w.ws, w.we - interval '1 microsecond', make_interval(mins => w.every_minutes)) g),
     slots AS (SELECT id, s0, s1 FROM s WHERE s0 >= GREATEST(${from}, created_at) AND s1 <= LEAST(${to}, now())),
     ${tally}
     SELECT a.id AS "keyAreaId", a.name, a.every_minutes AS "everyMinutes", a.from_hhmm AS "from", a.to_hhmm AS "to",
            COALESCE(tally.required, 0) AS "slotsRequired", COALESCE(tally.visited, 0) AS "slotsVisited",
            CASE WHEN tally.required > 0 THEN tally.visited::float8 / tally.required END AS compliance
       FROM a LEFT JOIN tally ON tally.id = a.id
      ORDER BY a.name, a.id`,
    p.values,
  );
}
