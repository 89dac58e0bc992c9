-- Key-area visit history (issue 6): the whole minutes in which an accepted fix of
-- a unit lay inside a key area. Compliance slots start and end on whole minutes,
-- so "a fix inside the ring within the slot" is "a visited minute within the
-- slot", and the dashboard reads these few rows instead of testing every stored
-- fix against every polygon. One row per (area, minute, unit): the force and team
-- filters need the unit. Writers insert with ON CONFLICT DO NOTHING, so late,
-- repeated or out-of-order fixes, and the backfill run again, give the same rows.
-- No foreign keys: key areas and units are never deleted (as for positions, 014).
CREATE TABLE key_area_visit_minutes (
  key_area_id text NOT NULL,
  minute timestamptz NOT NULL,
  unit_id text NOT NULL,
  PRIMARY KEY (key_area_id, minute, unit_id)
);

-- The ring as PostgreSQL's polygon, its points in order (the same text key-area
-- compliance always built: each coordinate as jsonb prints it, read as float8).
CREATE FUNCTION lf_key_area_polygon(ring jsonb) RETURNS polygon LANGUAGE sql IMMUTABLE AS $$
  SELECT ('(' || string_agg('(' || (pt->>0) || ',' || (pt->>1) || ')', ',' ORDER BY n) || ')')::polygon
    FROM jsonb_array_elements(ring) WITH ORDINALITY AS e(pt, n)
$$;

-- Fills the history from stored positions whose device time lies in [p_from, p_to),
-- for one area or all (this migration for everything stored so far; the analytics
-- bench after its bulk load; an instance for an area created while fixes flowed,
-- see key-area-visit-catch-up.ts). "Inside" is the one rule the live path uses too (shared keyAreaCovers):
-- the ring's bounding box, then polygon @> point. Fixes meet areas through coarse
-- cells of 0.01° (a hash join; no spatial index without PostGIS), as compliance
-- did. A minute is date_bin from the epoch, so it does not depend on the session's
-- time zone. Returns the number of rows added.
CREATE FUNCTION lf_fill_key_area_visit_minutes(p_from timestamptz DEFAULT '-infinity', p_to timestamptz DEFAULT 'infinity', p_area text DEFAULT NULL)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  added bigint;
BEGIN
  WITH a AS (
    SELECT ka.id, lf_key_area_polygon(ka.ring) AS poly, b.*
      FROM key_areas ka CROSS JOIN LATERAL (
        SELECT min((pt->>0)::float8) AS min_lon, max((pt->>0)::float8) AS max_lon,
               min((pt->>1)::float8) AS min_lat, max((pt->>1)::float8) AS max_lat
          FROM jsonb_array_elements(ka.ring) AS e(pt)) b
     WHERE p_area IS NULL OR ka.id = p_area),
  cells AS (
    SELECT a.id, y, x FROM a,
      generate_series(floor(a.min_lat * 100)::int, floor(a.max_lat * 100)::int) AS y,
      generate_series(floor(a.min_lon * 100)::int, floor(a.max_lon * 100)::int) AS x)
  INSERT INTO key_area_visit_minutes (key_area_id, minute, unit_id)
  SELECT DISTINCT a.id, date_bin(interval '1 minute', p.device_time, timestamptz '1970-01-01 00:00:00+00'), p.unit_id
    FROM positions p
    JOIN cells c ON c.y = floor(p.lat * 100)::int AND c.x = floor(p.lon * 100)::int
    JOIN a ON a.id = c.id
   WHERE p.device_time >= p_from AND p.device_time < p_to
     AND p.lat BETWEEN a.min_lat AND a.max_lat AND p.lon BETWEEN a.min_lon AND a.max_lon
     AND a.poly @> point(p.lon, p.lat)
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS added = ROW_COUNT;
  RETURN added;
END
$$;

SELECT lf_fill_key_area_visit_minutes();
