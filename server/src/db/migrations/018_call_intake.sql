-- Call-taking on the wall (issue 16, item 1): what the call-taker wrote down, and when
-- the call was received (the intake form opened). Null for incidents opened by a device,
-- a plan or a captain's report.
ALTER TABLE incidents
  ADD COLUMN caller_name text,
  ADD COLUMN callback_number text,
  ADD COLUMN address text,
  ADD COLUMN description text,
  ADD COLUMN call_received_at timestamptz;

-- A call is received before (or when) its incident is created; the service clamps a browser
-- clock running a little ahead, this keeps every other writer honest.
ALTER TABLE incidents ADD CONSTRAINT incidents_call_received_before_created CHECK (call_received_at IS NULL OR call_received_at <= created_at);

-- Processing (NFPA 1225: call received → dispatched) starts at the call's receipt when the
-- incident came from a call; otherwise at the incident's creation, as before. Only processing_s
-- changes here; every other column is the definition of migration 012, repeated because a view
-- is replaced whole. (Issue 17 revisits the phases.) call_received_at is written once, with the
-- incident, so the update trigger of 012 need not watch it.
CREATE OR REPLACE VIEW incident_facts_source AS
SELECT i.id AS incident_id, i.created_at,
       l.local::date AS local_day,
       date_trunc('week', l.local)::date AS local_week,
       date_trunc('month', l.local)::date AS local_month,
       date_part('hour', l.local)::smallint AS local_hour,
       date_part('isodow', l.local)::smallint AS local_isodow,
       i.status NOT IN ('cancelled','false_alarm') AS received,
       i.status, i.priority, i.category, i.grid_id,
       (SELECT iu.unit_id FROM incident_units iu WHERE iu.incident_id = i.id
         ORDER BY iu.on_scene_at ASC NULLS LAST, (iu.status = 'declined'), iu.dispatched_at, iu.unit_id LIMIT 1) AS lead_unit_id,
       ceil(date_part('epoch', i.dispatched_at - COALESCE(i.call_received_at, i.created_at)))::integer AS processing_s,
       ceil(date_part('epoch', s.en_route_start - i.dispatched_at))::integer AS turnout_s,
       ceil(date_part('epoch', i.on_scene_at - s.en_route_start))::integer AS travel_s,
       ceil(date_part('epoch', i.on_scene_at - i.created_at))::integer AS response_s,
       ceil(date_part('epoch', i.on_scene_at - i.created_at)) <= (CASE i.priority WHEN 'P1' THEN 300 WHEN 'P2' THEN 300 WHEN 'P3' THEN 900 WHEN 'P4' THEN 1800 END) AS within_target,
       i.on_scene_at,
       ceil(date_part('epoch', i.resolved_at - i.created_at))::integer AS resolve_s,
       ceil(date_part('epoch', i.closed_at - i.created_at))::integer AS close_s,
       i.outcome, i.settled_level, i.rating::smallint AS rating
  FROM incidents i
 CROSS JOIN LATERAL (SELECT i.created_at AT TIME ZONE (SELECT time_zone FROM analytics_settings WHERE id = 1) AS local) l
 CROSS JOIN LATERAL (SELECT COALESCE(i.en_route_at, CASE WHEN i.on_scene_at IS NOT NULL THEN COALESCE(i.acknowledged_at, i.dispatched_at) END) AS en_route_start) s;
