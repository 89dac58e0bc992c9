-- Issue 18: every alert and incident carries where it is in words, in both UI languages
-- ({"zh": "中山东路 · 中山东路与洪武路交叉口附近 · 新街口一网格", "en": "…"}): the nearest
-- named street, the nearest crossing or named place within ~100 m, and the grid. Reverse
-- geocoded by the server when the row is created (modules/places) and never changed after:
-- it says where the press or the call was, as the wall showed it then. NULL when nothing
-- named is near, and for rows from before this migration.
ALTER TABLE incidents ADD COLUMN location_text jsonb;
ALTER TABLE alerts ADD COLUMN location_text jsonb;

-- The first press in one round trip (migration 010) now writes the location text too: the
-- same function with one more argument, so the old signature goes.
DROP FUNCTION lf_open_alert_incident(text, text, text, text, double precision, double precision, text, text, text, timestamptz, text, text, text, text, text, timestamptz, text, text, double precision, text[], json);

CREATE FUNCTION lf_open_alert_incident(
  i_id text, i_category text, i_priority text, i_title text, i_lat double precision, i_lon double precision,
  i_grid text, i_device text, i_unit text, i_created timestamptz, i_level text,
  a_id text, a_kind text, a_source text, a_note text, a_device_time timestamptz, a_key text,
  actor text, window_s double precision, open_statuses text[], event_payload json, loc_text jsonb
) RETURNS TABLE (taken text, seq bigint, at timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  s bigint;
  t timestamptz := now();
BEGIN
  PERFORM 1 FROM event_seq WHERE id = 1 FOR UPDATE;
  IF a_key IS NOT NULL AND EXISTS (
    SELECT 1 FROM alerts WHERE COALESCE(device_id, unit_id) = COALESCE(i_device, i_unit) AND idempotency_key = a_key
  ) THEN
    RETURN QUERY SELECT 'idempotency'::text, NULL::bigint, NULL::timestamptz;
    RETURN;
  END IF;
  IF EXISTS (
    SELECT 1 FROM incidents
    WHERE status = ANY (open_statuses) AND source = 'alert' AND updated_at > now() - make_interval(secs => window_s)
      AND ((i_device IS NOT NULL AND device_id = i_device) OR (i_device IS NULL AND i_unit IS NOT NULL AND unit_id = i_unit))
  ) THEN
    RETURN QUERY SELECT 'joinable'::text, NULL::bigint, NULL::timestamptz;
    RETURN;
  END IF;
  INSERT INTO incidents (id, status, category, priority, source, title, lat, lon, grid_id, device_id, unit_id, alert_count, created_at, updated_at, level, location_text)
  VALUES (i_id, 'reported', i_category, i_priority, 'alert', i_title, i_lat, i_lon, i_grid, i_device, i_unit, 1, i_created, i_created, i_level, loc_text);
  INSERT INTO alerts (id, kind, source, device_id, unit_id, incident_id, lat, lon, note, device_time, received_at, idempotency_key, location_text)
  VALUES (a_id, a_kind, a_source, i_device, i_unit, i_id, i_lat, i_lon, a_note, a_device_time, i_created, a_key, loc_text);
  INSERT INTO incident_events (incident_id, at, actor, kind, data)
  VALUES (i_id, t, actor, 'alert_received', json_build_object('alertId', a_id, 'kind', a_kind)::jsonb);
  UPDATE event_seq SET seq = event_seq.seq + 1 WHERE id = 1 RETURNING event_seq.seq INTO s;
  INSERT INTO events (seq, at, type, payload) VALUES (s, t, 'alert.raised', event_payload);
  RETURN QUERY SELECT NULL::text, s, t;
END
$$;
