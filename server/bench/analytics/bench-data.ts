import type { Database } from '../../src/db/database.js';

/**
 * A year of a busy district, generated inside PostgreSQL with generate_series
 * (no row-by-row inserts). The shapes follow what the closed loop records:
 * - incidents spread over 2024 (local Asia/Shanghai), 70 % between 08:00 and 24:00;
 *   P1 5 %, P2 20 %, P3 50 %, P4 25 %; disputes, public order and traffic most common;
 *   200 grids with a skew (a few busy ones), 3 % outside every grid;
 *   3 % cancelled, 4 % false alarms, 2 % still open, 21 % resolved, 70 % closed;
 * - phases exponential with floors: processing ~45 s, acknowledgement ~13 s, turnout ~35 s,
 *   travel 3–10 min by priority; 15 % arrive without reporting "en route", 5 % never arrive;
 * - 1 unit (70 %), 2 (25 %) or 3 (5 %) per dispatched incident out of 2,000 units in 100 teams,
 *   the first one carrying the incident's milestone times;
 * - the timeline: one row per milestone reached (about 5.5 per incident);
 * - 7 days of fixes of 200 units every 30 s, in time order as ingest writes them;
 * - 90 days of coverage samples, one a minute, 20 grids in per_grid; 20 key areas and the
 *   visit history of those fixes (migration 016's lf_fill_key_area_visit_minutes).
 */
export const BENCH_TIME_ZONE = 'Asia/Shanghai';
export const DATA_END_LOCAL = '2025-01-01 00:00';
const FORCES = `ARRAY['police','security','merchant_guard','volunteer','fire','medical','city_mgmt']`;
const exp = (u: string, mean: number) => `(-ln(1 - ${u}) * ${mean})`;

export interface GenerationStep {
  name: string;
  sql: string;
}

export interface GenerationSize {
  incidents: number;
  events: boolean;
  positionDays: number;
  coverageDays: number;
}

export function generationSteps({ incidents, events, positionDays, coverageDays }: GenerationSize): GenerationStep[] {
  const steps: GenerationStep[] = [
    {
      name: 'teams, units, grids, key areas',
      sql: `
      INSERT INTO teams (id, name, force) SELECT 't' || lpad(g::text, 3, '0'), 'Team ' || g, (${FORCES})[1 + g % 7] FROM generate_series(0, 99) g;
      INSERT INTO units (id, callsign, force, mode, team_id)
        SELECT 'u' || lpad(g::text, 4, '0'), 'C-' || g, (${FORCES})[1 + (g % 100) % 7], (ARRAY['foot','bike','moto','car'])[1 + g % 4], 't' || lpad((g % 100)::text, 3, '0')
          FROM generate_series(0, 1999) g;
      INSERT INTO grids (id, name, level, ring) SELECT 'g' || lpad(g::text, 3, '0'), 'Grid ' || g, 'grid', '[[120,30],[120.01,30],[120.01,30.01]]' FROM generate_series(0, 199) g;
      INSERT INTO key_areas (id, name, ring, every_minutes, from_hhmm, to_hhmm, created_at)
        SELECT 'k' || g, 'Key area ' || g,
               jsonb_build_array(jsonb_build_array(lon, lat), jsonb_build_array(lon + 0.002, lat), jsonb_build_array(lon + 0.002, lat + 0.002), jsonb_build_array(lon, lat + 0.002)),
               (ARRAY[15, 30, 60, 120])[1 + g % 4], (ARRAY['00:00','07:00','20:00','09:00'])[1 + g % 4], (ARRAY['00:00','19:00','02:00','17:00'])[1 + g % 4], '2023-06-01'
          FROM generate_series(0, 19) g, LATERAL (SELECT 120.1 + (g % 5) * 0.02 AS lon, 30.2 + (g / 5) * 0.02 AS lat) c`,
    },
    {
      name: `${incidents.toLocaleString('en')} incidents`,
      sql: `
      INSERT INTO incidents (id, status, category, priority, source, title, lat, lon, grid_id, created_at, updated_at, closed_at,
                             dispatched_at, acknowledged_at, en_route_at, on_scene_at, resolved_at, outcome, settled_level, rating)
      SELECT 'i' || g, status, category, priority, 'alert', 'bench', 30.2 + u_lat * 0.1, 120.1 + u_lon * 0.1, grid_id, created_at, created_at,
             CASE WHEN status = 'closed' THEN resolved_at + make_interval(secs => ${exp('u_close', 3600)})
                  WHEN status IN ('cancelled','false_alarm') THEN created_at + interval '10 minutes' END,
             dispatched_at, acknowledged_at, en_route_at, on_scene_at, resolved_at,
             CASE WHEN status = 'false_alarm' THEN 'false_alarm'
                  WHEN resolved_at IS NOT NULL THEN (ARRAY['solved_on_site','solved_on_site','mediated','referred','arrest_handover','no_action'])[1 + floor(u_out * 6)::int] END,
             CASE WHEN resolved_at IS NOT NULL THEN CASE WHEN u_set < 0.6 THEN 'grid' WHEN u_set < 0.85 THEN 'community' WHEN u_set < 0.97 THEN 'street' ELSE 'department' END END,
             CASE WHEN status = 'closed' THEN 1 + floor(u_rate * 5)::int END
      FROM (
        SELECT *, CASE WHEN status IN ('resolved','closed') THEN COALESCE(on_scene_at, acknowledged_at, created_at) + make_interval(secs => 600 + ${exp('u_res', 1800)}) END AS resolved_at
        FROM (
          SELECT *, CASE WHEN arrives THEN COALESCE(en_route_at, acknowledged_at) + make_interval(secs => travel) END AS on_scene_at
          FROM (
            SELECT *, CASE WHEN dispatched_at IS NOT NULL AND status <> 'dispatched' AND u_enr < 0.85 THEN acknowledged_at + make_interval(secs => 5 + ${exp('u_turn', 30)}) END AS en_route_at
            FROM (
              SELECT *, CASE WHEN dispatched_at IS NOT NULL AND status <> 'dispatched' THEN dispatched_at + make_interval(secs => 3 + ${exp('u_ack', 10)}) END AS acknowledged_at
              FROM (
                SELECT *,
                  CASE WHEN status NOT IN ('reported') THEN created_at + make_interval(secs => 5 + ${exp('u_proc', 40)}) END AS dispatched_at,
                  (status IN ('on_scene','resolved','closed') AND u_arr < 0.95) OR (status = 'cancelled' AND u_arr < 0.3) AS arrives,
                  30 + -ln(1 - u_travel) * CASE priority WHEN 'P1' THEN 150 WHEN 'P2' THEN 200 WHEN 'P3' THEN 400 ELSE 600 END AS travel
                FROM (
                  SELECT g, u_lat, u_lon, u_close, u_out, u_set, u_rate, u_res, u_enr, u_turn, u_ack, u_proc, u_arr, u_travel,
                    ((DATE '2024-01-01' + ((g - 1)::bigint * 366 / ${incidents})::int)::timestamp
                      + make_interval(secs => CASE WHEN u_night < 0.7 THEN 28800 + u_tod * 57600 ELSE u_tod * 28800 END)) AT TIME ZONE '${BENCH_TIME_ZONE}' AS created_at,
                    CASE WHEN u_pri < 0.05 THEN 'P1' WHEN u_pri < 0.25 THEN 'P2' WHEN u_pri < 0.75 THEN 'P3' ELSE 'P4' END AS priority,
                    CASE WHEN u_cat < 0.25 THEN 'dispute' WHEN u_cat < 0.40 THEN 'public_order' WHEN u_cat < 0.55 THEN 'traffic' WHEN u_cat < 0.67 THEN 'assistance'
                         WHEN u_cat < 0.75 THEN 'criminal' WHEN u_cat < 0.83 THEN 'other' WHEN u_cat < 0.89 THEN 'medical' WHEN u_cat < 0.92 THEN 'fire'
                         WHEN u_cat < 0.95 THEN 'public_health' WHEN u_cat < 0.98 THEN 'production_safety' ELSE 'natural_disaster' END AS category,
                    CASE WHEN u_grid < 0.03 THEN NULL ELSE 'g' || lpad(least(199, floor(200 * power((u_grid - 0.03) / 0.97, 1.5)))::int::text, 3, '0') END AS grid_id,
                    CASE WHEN u_status < 0.03 THEN 'cancelled' WHEN u_status < 0.07 THEN 'false_alarm' WHEN u_status < 0.08 THEN 'reported'
                         WHEN u_status < 0.085 THEN 'dispatched' WHEN u_status < 0.09 THEN 'on_scene' WHEN u_status < 0.30 THEN 'resolved' ELSE 'closed' END AS status
                  FROM (
                    SELECT g, random() AS u_lat, random() AS u_lon, random() AS u_close, random() AS u_out, random() AS u_set, random() AS u_rate, random() AS u_res,
                           random() AS u_enr, random() AS u_turn, random() AS u_ack, random() AS u_proc, random() AS u_arr, random() AS u_travel,
                           random() AS u_night, random() AS u_tod, random() AS u_pri, random() AS u_cat, random() AS u_grid, random() AS u_status
                      FROM generate_series(1, ${incidents}) g) draws) base) dispatched) acked) en_route) arrived) resolved`,
    },
    {
      name: 'incident_units',
      sql: `
      INSERT INTO incident_units (incident_id, unit_id, dispatched_at, acknowledged_at, en_route_at, on_scene_at, cleared_at, status)
      SELECT i.id, 'u' || lpad(((i.first_unit + n * 37) % 2000)::text, 4, '0'),
             i.dispatched_at + make_interval(secs => (n - 1) * 20), i.acknowledged_at + make_interval(secs => (n - 1) * 20),
             i.en_route_at + make_interval(secs => (n - 1) * 20), i.on_scene_at + make_interval(secs => (n - 1) * 90),
             COALESCE(i.resolved_at, i.closed_at),
             CASE WHEN i.resolved_at IS NOT NULL OR i.closed_at IS NOT NULL THEN 'cleared' WHEN i.on_scene_at IS NOT NULL THEN 'on_scene'
                  WHEN i.acknowledged_at IS NOT NULL THEN 'acknowledged' ELSE 'dispatched' END
        FROM (SELECT i.*, floor(random() * 2000)::int AS first_unit, random() AS u_n FROM incidents i WHERE i.dispatched_at IS NOT NULL) i
        CROSS JOIN LATERAL generate_series(1, CASE WHEN i.u_n < 0.70 THEN 1 WHEN i.u_n < 0.95 THEN 2 ELSE 3 END) n`,
    },
    {
      name: `${positionDays} days of fixes (200 units, every 30 s)`,
      sql: `
      INSERT INTO positions (unit_id, device_time, server_time, lat, lon, speed_kmh)
      SELECT 'u' || lpad((k % 200)::text, 4, '0'), t, t,
             30.2 + ((k % 200) % 20) * 0.005 + 0.004 * sin(k / 200 / 20.0 + k % 200),
             120.1 + ((k % 200) / 20) * 0.01 + 0.004 * cos(k / 200 / 30.0 + k % 200), 20
        FROM generate_series(0, 200 * 2880 * ${positionDays} - 1) k,
             LATERAL (SELECT (TIMESTAMP '${DATA_END_LOCAL}' - make_interval(days => ${positionDays})) AT TIME ZONE '${BENCH_TIME_ZONE}' + make_interval(secs => (k / 200) * 30) AS t) x`,
    },
    // The fixes bypass ingest (and migrations ran before them): fill the key-area visit history as migration 016 does.
    { name: 'key-area visit minutes', sql: 'SELECT lf_fill_key_area_visit_minutes()' },
    {
      name: `${coverageDays} days of coverage samples`,
      sql: `
      INSERT INTO coverage_samples (at, within5, within15, per_grid)
      SELECT t, 0.5 + 0.3 * random(), 0.8 + 0.2 * random(),
             (SELECT jsonb_agg(jsonb_build_object('gridId', 'g' || lpad(gg::text, 3, '0'), 'within5', round(random()::numeric, 4), 'within15', round(random()::numeric, 4)))
                FROM generate_series(0, 19) gg WHERE t IS NOT NULL)
        FROM generate_series((TIMESTAMP '${DATA_END_LOCAL}' - make_interval(days => ${coverageDays})) AT TIME ZONE '${BENCH_TIME_ZONE}',
                             (TIMESTAMP '${DATA_END_LOCAL}' AT TIME ZONE '${BENCH_TIME_ZONE}') - interval '1 minute', interval '1 minute') t`,
    },
  ];
  if (events) {
    steps.push({
      name: 'timeline (incident_events)',
      sql: `
      INSERT INTO incident_events (incident_id, at, actor, kind)
      SELECT i.id, e.at, 'bench', e.kind
        FROM incidents i CROSS JOIN LATERAL (VALUES ('created', i.created_at), ('dispatched', i.dispatched_at), ('acknowledged', i.acknowledged_at),
             ('en_route', i.en_route_at), ('on_scene', i.on_scene_at), ('resolved', i.resolved_at), ('closed', i.closed_at)) AS e(kind, at)
       WHERE e.at IS NOT NULL`,
    });
  }
  return steps;
}

/** Runs one step with foreign-key triggers off (the generated rows are consistent by construction) and returns its seconds. */
export async function runStep(db: Database, step: GenerationStep): Promise<number> {
  const started = performance.now();
  await db.tx(async (q) => {
    await q.query('SET LOCAL session_replication_role = replica');
    await q.query('SET LOCAL jit = off');
    // Generating is allowed longer than a timed query (the database's own cap is for those).
    await q.query(`SET LOCAL statement_timeout = '5min'`);
    for (const statement of step.sql
      .split(/;\s*\n/)
      .map((s) => s.trim())
      .filter(Boolean))
      await q.query(statement);
  });
  return (performance.now() - started) / 1000;
}
