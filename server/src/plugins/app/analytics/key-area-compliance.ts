import type { Force, KeyAreaComplianceRow, Ring } from '@lianfang/shared';
import type { AnalyticsContext } from './analytics-scope.js';
import { areaCells, CELLS_PER_DEGREE } from './key-area-cells.js';
import { SqlParams } from './sql-params.js';

export interface KeyAreaComplianceQuery { from: string; to: string; force?: Force | undefined; teamId?: string | undefined }

/**
 * "A patrol every N minutes during its hours", measured after the fact from the
 * stored fixes (the watcher keeps only the latest visit and the current overdue
 * spell, so history has to come from positions).
 *
 * Each day's watch window (local HH:MM, may wrap midnight; equal = 24 h) is cut
 * into consecutive slots of everyMinutes from its start, the last one shorter if
 * the window does not divide evenly. A slot is required when it lies inside
 * [from, to), after the area was created and before now; it is visited when any
 * stored fix (by device time, as the watcher counts visits) lies inside the ring.
 * compliance = visited ÷ required. Fixed slots approximate the watcher's sliding
 * rule: two visits N minutes apart can fall in one slot and leave the next empty.
 *
 * Fixes of the window are matched to areas through coarse cells (a hash join,
 * see key-area-cells.ts), then by bounding box and PostgreSQL's polygon
 * containment; a fix is assigned to its slot by one sort over slots and fixes
 * together (the latest slot start at or before it). The cost is one pass over the
 * window's fixes, not one per area or per slot.
 */
export async function keyAreaCompliance(ctx: AnalyticsContext, q: KeyAreaComplianceQuery): Promise<KeyAreaComplianceRow[]> {
  const areas = await ctx.db.query<{ id: string; ring: Ring }>('SELECT id, ring FROM key_areas');
  const cells = areaCells(areas);
  const p = new SqlParams();
  const tz = p.add(ctx.timeZone, 'text');
  const cellTable = `unnest(${p.add(cells.areaIds, 'text[]')}, ${p.add(cells.ys, 'int[]')}, ${p.add(cells.xs, 'int[]')},
    ${p.add(cells.minLat, 'float8[]')}, ${p.add(cells.maxLat, 'float8[]')}, ${p.add(cells.minLon, 'float8[]')}, ${p.add(cells.maxLon, 'float8[]')}) AS c(id, y, x, min_lat, max_lat, min_lon, max_lon)`;
  const from = p.add(q.from, 'timestamptz');
  const to = p.add(q.to, 'timestamptz');
  const unitFilters = [q.force ? `u.force = ${p.add(q.force, 'text')}` : null, q.teamId ? `u.team_id = ${p.add(q.teamId, 'text')}` : null].filter(Boolean);
  const byUnit = unitFilters.length > 0 ? { join: 'JOIN units u ON u.id = p.unit_id', where: `AND ${unitFilters.join(' AND ')}` } : { join: '', where: '' };
  return ctx.db.query<KeyAreaComplianceRow>(
    `WITH a AS (
       SELECT ka.id, ka.name, ka.every_minutes, ka.from_hhmm, ka.to_hhmm, ka.created_at, r.*
         FROM key_areas ka CROSS JOIN LATERAL (
           SELECT ('(' || string_agg('(' || (pt->>0) || ',' || (pt->>1) || ')', ',' ORDER BY n) || ')')::polygon AS poly
             FROM jsonb_array_elements(ka.ring) WITH ORDINALITY AS e(pt, n)) r),
     hits AS (
       SELECT a.id, p.device_time AS t
         FROM positions p
         JOIN ${cellTable} ON c.y = floor(p.lat * ${CELLS_PER_DEGREE})::int AND c.x = floor(p.lon * ${CELLS_PER_DEGREE})::int
                          AND p.lat BETWEEN c.min_lat AND c.max_lat AND p.lon BETWEEN c.min_lon AND c.max_lon
         JOIN a ON a.id = c.id ${byUnit.join}
        WHERE p.device_time >= ${from} AND p.device_time < ${to} AND a.poly @> point(p.lon, p.lat) ${byUnit.where}),
     d AS (SELECT g::date AS day FROM generate_series(((${from} AT TIME ZONE ${tz})::date - 1)::timestamp, ((${to} AT TIME ZONE ${tz})::date)::timestamp, interval '1 day') g),
     w AS (SELECT a.id, a.every_minutes, a.created_at, d.day + a.from_hhmm::time AS ws,
                  d.day + a.to_hhmm::time + CASE WHEN a.to_hhmm::time <= a.from_hhmm::time THEN interval '1 day' ELSE interval '0 days' END AS we
             FROM a CROSS JOIN d),
     s AS (SELECT w.id, w.created_at, (g AT TIME ZONE ${tz}) AS s0, (LEAST(g + make_interval(mins => w.every_minutes), w.we) AT TIME ZONE ${tz}) AS s1
             FROM w CROSS JOIN LATERAL generate_series(w.ws, w.we - interval '1 microsecond', make_interval(mins => w.every_minutes)) g),
     slots AS (SELECT id, s0, s1 FROM s WHERE s0 >= GREATEST(${from}, created_at) AND s1 <= LEAST(${to}, now())),
     ev AS (SELECT id, s0 AS t, s0, s1, false AS hit FROM slots UNION ALL SELECT id, t, NULL, NULL, true FROM hits),
     -- a slot start sorts before a fix at the same instant, so a fix exactly at a boundary belongs to the slot it opens
     tagged AS (SELECT id, t, hit, max(s0) OVER win AS cur0, max(s1) OVER win AS cur1
                  FROM ev WINDOW win AS (PARTITION BY id ORDER BY t, hit ROWS UNBOUNDED PRECEDING)),
     tally AS (SELECT id, count(*) FILTER (WHERE NOT hit)::int AS required, count(DISTINCT cur0) FILTER (WHERE hit AND t < cur1)::int AS visited
                 FROM tagged GROUP BY id)
     SELECT a.id AS "keyAreaId", a.name, a.every_minutes AS "everyMinutes", a.from_hhmm AS "from", a.to_hhmm AS "to",
            COALESCE(tally.required, 0) AS "slotsRequired", COALESCE(tally.visited, 0) AS "slotsVisited",
            CASE WHEN tally.required > 0 THEN tally.visited::float8 / tally.required END AS compliance
       FROM a LEFT JOIN tally ON tally.id = a.id
      ORDER BY a.name, a.id`,
    p.values,
  );
}
