-- Figures a manager can defend (issue 17; docs/analytics.md, "Definitions").
--
-- Phases as the standards measure them:
--   processing  received → first dispatch of any unit (NFPA 1225 alarm processing); received is
--               the call's receipt (the intake form opened) or, for a device's alert, the incident's
--               creation at the alert's receipt;
--   turnout     the FIRST-ARRIVING unit's own dispatch → its own en route (NFPA 1710);
--   travel      the first-arriving unit's own en route → its own arrival (NFPA 1710);
--   response    received → first arrival of any unit (total response).
-- Before, turnout and travel mixed units (the first en route of one with the first arrival of
-- another), and response started at the row's creation rather than the call's receipt.
--
-- Two shares, never confused: within_five (arrived within 5 minutes, the district's promise to
-- residents) and within_target (within its priority's target: 300 s P1/P2, 900 s P3, 1800 s P4).
--
-- One meaning of false alarm: outcome = 'false_alarm', whether the case was resolved as one or
-- stood down as one (the cancel path already writes that outcome). A false alarm is a case
-- received and concluded; only a cancellation (withdrawn, a duplicate, entered in error) is not
-- a case: received = status <> 'cancelled'. concluded = resolved, closed or stood down as a false
-- alarm; 办结率 = concluded ÷ received.
--
-- The facts functions name their columns from here on: the new columns follow changed_xid
-- (migration 015) in the table, so "INSERT … SELECT *" would no longer line up.
ALTER TABLE incident_facts
  ADD COLUMN within_five boolean,
  ADD COLUMN false_alarm boolean NOT NULL DEFAULT false,
  ADD COLUMN concluded boolean NOT NULL DEFAULT false,
  ADD COLUMN received_at timestamptz;

CREATE OR REPLACE VIEW incident_facts_source AS
SELECT i.id AS incident_id, i.created_at,
       l.local::date AS local_day,
       date_trunc('week', l.local)::date AS local_week,
       date_trunc('month', l.local)::date AS local_month,
       date_part('hour', l.local)::smallint AS local_hour,
       date_part('isodow', l.local)::smallint AS local_isodow,
       i.status <> 'cancelled' AS received,
       i.status, i.priority, i.category, i.grid_id,
       lead.unit_id AS lead_unit_id,
       ceil(date_part('epoch', i.dispatched_at - r.received_at))::integer AS processing_s,
       ceil(date_part('epoch', lead.en_route_start - lead.dispatched_at))::integer AS turnout_s,
       ceil(date_part('epoch', lead.on_scene_at - lead.en_route_start))::integer AS travel_s,
       ceil(date_part('epoch', i.on_scene_at - r.received_at))::integer AS response_s,
       ceil(date_part('epoch', i.on_scene_at - r.received_at)) <= (CASE i.priority WHEN 'P1' THEN 300 WHEN 'P2' THEN 300 WHEN 'P3' THEN 900 WHEN 'P4' THEN 1800 END) AS within_target,
       i.on_scene_at,
       ceil(date_part('epoch', i.resolved_at - r.received_at))::integer AS resolve_s,
       ceil(date_part('epoch', i.closed_at - r.received_at))::integer AS close_s,
       i.outcome, i.settled_level, i.rating::smallint AS rating,
       ceil(date_part('epoch', i.on_scene_at - r.received_at)) <= 300 AS within_five,
       COALESCE(i.outcome = 'false_alarm', false) OR i.status = 'false_alarm' AS false_alarm,
       i.status IN ('resolved','closed','false_alarm') AS concluded,
       r.received_at
  FROM incidents i
 CROSS JOIN LATERAL (SELECT COALESCE(i.call_received_at, i.created_at) AS received_at) r
 CROSS JOIN LATERAL (SELECT i.created_at AT TIME ZONE (SELECT time_zone FROM analytics_settings WHERE id = 1) AS local) l
 -- The lead unit: the first on scene (ties: the smaller unit id); while nobody has arrived, the
 -- first dispatched that did not decline. Its own times give turnout and travel; a unit that
 -- arrived without reporting "en route" travelled from its acknowledgement (or its dispatch).
 LEFT JOIN LATERAL (
   SELECT iu.unit_id, iu.dispatched_at, iu.on_scene_at,
          CASE WHEN iu.on_scene_at IS NOT NULL THEN COALESCE(iu.en_route_at, iu.acknowledged_at, iu.dispatched_at) END AS en_route_start
     FROM incident_units iu WHERE iu.incident_id = i.id
    ORDER BY iu.on_scene_at ASC NULLS LAST, (iu.status = 'declined'), iu.dispatched_at, iu.unit_id LIMIT 1
 ) lead ON true;

CREATE OR REPLACE FUNCTION lf_refresh_incident_facts(target text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO incident_facts (incident_id, created_at, local_day, local_week, local_month, local_hour, local_isodow, received, status,
                              priority, category, grid_id, lead_unit_id, processing_s, turnout_s, travel_s, response_s, within_target,
                              on_scene_at, resolve_s, close_s, outcome, settled_level, rating, within_five, false_alarm, concluded, received_at)
  SELECT incident_id, created_at, local_day, local_week, local_month, local_hour, local_isodow, received, status,
         priority, category, grid_id, lead_unit_id, processing_s, turnout_s, travel_s, response_s, within_target,
         on_scene_at, resolve_s, close_s, outcome, settled_level, rating, within_five, false_alarm, concluded, received_at
    FROM incident_facts_source WHERE incident_id = target
  ON CONFLICT (incident_id) DO UPDATE SET
    created_at = EXCLUDED.created_at, local_day = EXCLUDED.local_day, local_week = EXCLUDED.local_week,
    local_month = EXCLUDED.local_month, local_hour = EXCLUDED.local_hour, local_isodow = EXCLUDED.local_isodow,
    received = EXCLUDED.received, status = EXCLUDED.status, priority = EXCLUDED.priority, category = EXCLUDED.category,
    grid_id = EXCLUDED.grid_id, lead_unit_id = EXCLUDED.lead_unit_id, processing_s = EXCLUDED.processing_s,
    turnout_s = EXCLUDED.turnout_s, travel_s = EXCLUDED.travel_s, response_s = EXCLUDED.response_s,
    within_target = EXCLUDED.within_target, on_scene_at = EXCLUDED.on_scene_at, resolve_s = EXCLUDED.resolve_s, close_s = EXCLUDED.close_s,
    outcome = EXCLUDED.outcome, settled_level = EXCLUDED.settled_level, rating = EXCLUDED.rating,
    within_five = EXCLUDED.within_five, false_alarm = EXCLUDED.false_alarm, concluded = EXCLUDED.concluded, received_at = EXCLUDED.received_at;
END
$$;

CREATE OR REPLACE FUNCTION lf_rebuild_incident_facts() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  DELETE FROM incident_facts;
  INSERT INTO incident_facts (incident_id, created_at, local_day, local_week, local_month, local_hour, local_isodow, received, status,
                              priority, category, grid_id, lead_unit_id, processing_s, turnout_s, travel_s, response_s, within_target,
                              on_scene_at, resolve_s, close_s, outcome, settled_level, rating, within_five, false_alarm, concluded, received_at)
  SELECT incident_id, created_at, local_day, local_week, local_month, local_hour, local_isodow, received, status,
         priority, category, grid_id, lead_unit_id, processing_s, turnout_s, travel_s, response_s, within_target,
         on_scene_at, resolve_s, close_s, outcome, settled_level, rating, within_five, false_alarm, concluded, received_at
    FROM incident_facts_source;
  GET DIAGNOSTICS n = ROW_COUNT;
  DELETE FROM assignment_facts;
  INSERT INTO assignment_facts SELECT * FROM assignment_facts_source;
  RETURN n;
END
$$;

-- The assignment facts: "received" follows the same rule (only a cancellation is not a case).
CREATE OR REPLACE VIEW assignment_facts_source AS
SELECT a.incident_id, a.unit_id, i.created_at,
       i.status <> 'cancelled' AS received,
       i.priority, i.category, i.grid_id,
       a.on_scene_at IS NOT NULL AS arrived,
       COALESCE(a.on_scene_at = i.on_scene_at, false) AS first_on_scene,
       a.status = 'declined' AS declined,
       a.ack_timeout_at IS NOT NULL AS ack_timeout,
       date_part('epoch', COALESCE(a.acknowledged_at, s.en_route_start, a.on_scene_at, a.cleared_at) - a.dispatched_at) AS dispatched_s,
       date_part('epoch', COALESCE(s.en_route_start, a.on_scene_at, a.cleared_at) - a.acknowledged_at) AS acknowledged_s,
       date_part('epoch', COALESCE(a.on_scene_at, a.cleared_at) - s.en_route_start) AS en_route_s,
       date_part('epoch', a.cleared_at - a.on_scene_at) AS on_scene_s
  FROM incident_units a JOIN incidents i ON i.id = a.incident_id
 CROSS JOIN LATERAL (SELECT COALESCE(a.en_route_at, CASE WHEN a.on_scene_at IS NOT NULL THEN COALESCE(a.acknowledged_at, a.dispatched_at) END) AS en_route_start) s;

-- call_received_at joins the columns whose change rewrites the facts (the history import sets it).
DROP TRIGGER incident_facts_update ON incidents;
CREATE TRIGGER incident_facts_update AFTER UPDATE OF
  created_at, call_received_at, status, priority, category, grid_id, dispatched_at, acknowledged_at, en_route_at, on_scene_at,
  resolved_at, closed_at, outcome, settled_level, rating ON incidents
  FOR EACH ROW WHEN ((OLD.created_at, OLD.call_received_at, OLD.status, OLD.priority, OLD.category, OLD.grid_id, OLD.dispatched_at, OLD.acknowledged_at,
                      OLD.en_route_at, OLD.on_scene_at, OLD.resolved_at, OLD.closed_at, OLD.outcome, OLD.settled_level, OLD.rating)
    IS DISTINCT FROM (NEW.created_at, NEW.call_received_at, NEW.status, NEW.priority, NEW.category, NEW.grid_id, NEW.dispatched_at, NEW.acknowledged_at,
                      NEW.en_route_at, NEW.on_scene_at, NEW.resolved_at, NEW.closed_at, NEW.outcome, NEW.settled_level, NEW.rating))
  EXECUTE FUNCTION lf_incident_facts_from_incident();

SELECT lf_rebuild_incident_facts();
