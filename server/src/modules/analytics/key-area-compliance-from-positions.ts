import type { KeyAreaComplianceRow, Ring } from '@lianfang/shared';
import { serverTimeBounds } from '../positions/position-partitions.js';
import type { AnalyticsContext } from './analytics-scope.js';
import { areaCells, CELLS_PER_DEGREE } from './key-area-cells.js';
import { keyAreaSlotTally, type KeyAreaComplianceQuery } from './key-area-slots.js';

/**
 * Key-area compliance straight from the stored fixes: the definition the visit
 * history (key_area_visit_minutes, migration 016) must agree with. The dashboard
 * reads the history (key-area-compliance.ts); this one stays as the reference the
 * tests compare it with and the analytics bench times as "before".
 *
 * A slot is visited when any stored fix (by device time) lies inside the ring
 * within it. Fixes of the window are matched to areas through coarse cells (a
 * hash join, see key-area-cells.ts), then by bounding box and PostgreSQL's
 * polygon containment: one pass over the window's fixes, not one per area; a
 * fix is assigned to its slot by one sort over slots and fixes together (the
 * latest slot start at or before it).
 */
export async function keyAreaComplianceFromPositions(ctx: AnalyticsContext, q: KeyAreaComplianceQuery): Promise<KeyAreaComplianceRow[]> {
  const cells = areaCells(await ctx.db.query<{ id: string; ring: Ring }>('SELECT id, ring FROM key_areas'));
  return keyAreaSlotTally(ctx, q, (p, w) => {
    const cellTable = `unnest(${p.add(cells.areaIds, 'text[]')}, ${p.add(cells.ys, 'int[]')}, ${p.add(cells.xs, 'int[]')},
      ${p.add(cells.minLat, 'float8[]')}, ${p.add(cells.maxLat, 'float8[]')}, ${p.add(cells.minLon, 'float8[]')}, ${p.add(cells.maxLon, 'float8[]')}) AS c(id, y, x, min_lat, max_lat, min_lon, max_lon)`;
    // Each polygon built once (a materialized CTE), not once per fix that passes the box.
    return `ap AS MATERIALIZED (SELECT id, lf_key_area_polygon(ring) AS poly FROM a),
     hits AS (
       SELECT ap.id, p.device_time AS t
         FROM positions p
         JOIN ${cellTable} ON c.y = floor(p.lat * ${CELLS_PER_DEGREE})::int AND c.x = floor(p.lon * ${CELLS_PER_DEGREE})::int
                          AND p.lat BETWEEN c.min_lat AND c.max_lat AND p.lon BETWEEN c.min_lon AND c.max_lon
         JOIN ap ON ap.id = c.id ${w.unitFilter ? 'JOIN units u ON u.id = p.unit_id' : ''}
        WHERE p.device_time >= ${w.from} AND p.device_time < ${w.to} AND ${serverTimeBounds('p.server_time', w.from, w.to)} AND ap.poly @> point(p.lon, p.lat)
              ${w.unitFilter ? `AND ${w.unitFilter}` : ''}),
     ev AS (SELECT id, s0 AS t, s0, s1, false AS hit FROM slots UNION ALL SELECT id, t, NULL, NULL, true FROM hits),
     -- a slot start sorts before a fix at the same instant, so a fix exactly at a boundary belongs to the slot it opens
     tagged AS (SELECT id, t, hit, max(s0) OVER win AS cur0, max(s1) OVER win AS cur1
                  FROM ev WINDOW win AS (PARTITION BY id ORDER BY t, hit ROWS UNBOUNDED PRECEDING)),
     tally AS (SELECT id, count(*) FILTER (WHERE NOT hit)::int AS required, count(DISTINCT cur0) FILTER (WHERE hit AND t < cur1)::int AS visited
                 FROM tagged GROUP BY id)`;
  });
}
