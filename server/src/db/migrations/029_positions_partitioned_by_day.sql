-- Position history at prefecture rate (issue 21: 5,000 fixes a second, 430 M rows a day):
-- the table becomes PostgreSQL's declarative partitioning by UTC day of server_time
-- (the server's clock, which the system controls; device clocks drift). Retention
-- then drops whole days (a catalog change, not a DELETE of millions of rows) and a
-- query bounded on server_time reads only its days' partitions.
-- A DEFAULT partition catches rows of a day that has no partition yet (a bulk load
-- of old history, a test's fixed dates, a maintenance beat that has not run): no
-- insert ever fails for want of a partition. lf_ensure_position_day moves such rows
-- into their day's partition when it creates it.
ALTER TABLE positions RENAME TO positions_unpartitioned;
ALTER INDEX positions_unit_time_idx RENAME TO positions_unpartitioned_unit_time_idx;
ALTER INDEX positions_device_time_brin RENAME TO positions_unpartitioned_device_time_brin;

CREATE TABLE positions (
  unit_id text NOT NULL,
  device_time timestamptz NOT NULL,
  server_time timestamptz NOT NULL,
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  speed_kmh real,
  heading real,
  accuracy_m real,
  altitude_m real,
  battery real,
  flags text[] NOT NULL DEFAULT '{}'
) PARTITION BY RANGE (server_time);

-- Declared on the parent: every partition, created or attached, gets its own copy.
CREATE INDEX positions_unit_time_idx ON positions (unit_id, device_time);
CREATE INDEX positions_device_time_brin ON positions USING brin (device_time);
CREATE INDEX positions_server_time_brin ON positions USING brin (server_time);

CREATE TABLE positions_default PARTITION OF positions DEFAULT;

-- The partition of one UTC day, created if missing (with that day's rows moved out of
-- the default partition first), in one transaction. An advisory lock per day keeps two
-- instances from creating the same one at once. Returns true when it created it.
CREATE FUNCTION lf_ensure_position_day(p_day date) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  name text := 'positions_p' || to_char(p_day, 'YYYYMMDD');
  lo timestamptz := p_day::timestamp AT TIME ZONE 'UTC';
  hi timestamptz := (p_day + 1)::timestamp AT TIME ZONE 'UTC';
BEGIN
  PERFORM pg_advisory_xact_lock(7242029, p_day - date '2000-01-01');
  IF to_regclass(name) IS NOT NULL THEN
    RETURN false;
  END IF;
  EXECUTE format('CREATE TABLE %I (LIKE positions INCLUDING DEFAULTS)', name);
  EXECUTE format('WITH moved AS (DELETE FROM positions_default WHERE server_time >= %L AND server_time < %L RETURNING *) INSERT INTO %I SELECT * FROM moved', lo, hi, name);
  EXECUTE format('ALTER TABLE positions ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', name, lo, hi);
  RETURN true;
END
$$;

-- The history so far, each of its days into its own partition.
DO $$
DECLARE d date;
BEGIN
  FOR d IN SELECT DISTINCT (server_time AT TIME ZONE 'UTC')::date FROM positions_unpartitioned ORDER BY 1 LOOP
    PERFORM lf_ensure_position_day(d);
  END LOOP;
END
$$;
INSERT INTO positions SELECT unit_id, device_time, server_time, lat, lon, speed_kmh, heading, accuracy_m, altitude_m, battery, flags FROM positions_unpartitioned;
DROP TABLE positions_unpartitioned;

-- Today and the next days exist before the first fix of each arrives.
SELECT lf_ensure_position_day((now() AT TIME ZONE 'UTC')::date + k) FROM generate_series(0, 2) AS k;

-- Filling the key-area visit history reads only the day partitions of its window: a fix
-- with a trusted device clock was received at most 2 minutes before and 24 hours after
-- its device time (CLOCK_SKEW_FUTURE_MS / CLOCK_SKEW_PAST_MS); outside that it is flagged
-- clock_skew and its device time means nothing (same bounds as serverTimeBounds in TS).
CREATE OR REPLACE FUNCTION lf_fill_key_area_visit_minutes(p_from timestamptz DEFAULT '-infinity', p_to timestamptz DEFAULT 'infinity', p_area text DEFAULT NULL)
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
     AND p.server_time >= p_from - interval '120 seconds' AND p.server_time < p_to + interval '86400 seconds'
     AND p.lat BETWEEN a.min_lat AND a.max_lat AND p.lon BETWEEN a.min_lon AND a.max_lon
     AND a.poly @> point(p.lon, p.lat)
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS added = ROW_COUNT;
  RETURN added;
END
$$;
