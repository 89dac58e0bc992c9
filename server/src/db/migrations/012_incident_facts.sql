-- Managers' analytics (issue 6): one narrow row of facts per incident, so that a
-- year of dashboard queries reads precomputed phases and local calendar keys
-- instead of computing them for a million incidents on every request
-- (docs/analytics.md, "Incident facts"; figures in docs/performance.md).
--
-- The row is written by triggers in the same transaction as the change it
-- follows (incidents, incident_units), so it cannot drift: every writer,
-- including lf_open_alert_incident (migration 010), goes through them. There is
-- one definition of the row, the view incident_facts_source; the triggers and
-- the rebuild both read it.

-- The zone the local keys are taken in. The server sets it to its TIME_ZONE at
-- start (and rebuilds the facts when it changes): a trigger cannot read config.
CREATE TABLE analytics_settings (
  id integer PRIMARY KEY CHECK (id = 1),
  time_zone text NOT NULL
);
INSERT INTO analytics_settings (id, time_zone) VALUES (1, 'Asia/Shanghai');

-- Phases are whole seconds, rounded up (a started second counts): "within a
-- 300 s target" is then the same test on the whole second as on the exact time,
-- and percentiles can be taken exactly from value → count tables.
-- The lead unit is stored by id; its force and team are joined at query time
-- because they are the unit's as it is now (units are not versioned).
CREATE TABLE incident_facts (
  incident_id text PRIMARY KEY,
  created_at timestamptz NOT NULL,
  local_day date NOT NULL,
  local_week date NOT NULL,
  local_month date NOT NULL,
  local_hour smallint NOT NULL,
  local_isodow smallint NOT NULL,
  received boolean NOT NULL,
  status text NOT NULL,
  priority text NOT NULL,
  category text NOT NULL,
  grid_id text,
  lead_unit_id text,
  processing_s integer,
  turnout_s integer,
  travel_s integer,
  response_s integer,
  within_target boolean,
  on_scene_at timestamptz,
  resolve_s integer,
  close_s integer,
  outcome text,
  settled_level text,
  rating smallint
);
CREATE INDEX incident_facts_created_idx ON incident_facts (created_at);
CREATE INDEX incident_facts_grid_created_idx ON incident_facts (grid_id, created_at);

-- One row per assignment for unit activity, with the incident's filters copied in
-- so that a year of it is read without joining a million incidents. The spells
-- are exact (float seconds): they are summed, not ranked.
CREATE TABLE assignment_facts (
  incident_id text NOT NULL,
  unit_id text NOT NULL,
  created_at timestamptz NOT NULL,
  received boolean NOT NULL,
  priority text NOT NULL,
  category text NOT NULL,
  grid_id text,
  arrived boolean NOT NULL,
  first_on_scene boolean NOT NULL,
  declined boolean NOT NULL,
  ack_timeout boolean NOT NULL,
  dispatched_s double precision,
  acknowledged_s double precision,
  en_route_s double precision,
  on_scene_s double precision,
  PRIMARY KEY (incident_id, unit_id)
);
CREATE INDEX assignment_facts_created_idx ON assignment_facts (created_at);

-- The facts of every incident, computed from its row and its assignments.
-- Lead unit: first on scene; while nobody has arrived, the first dispatched that
-- did not decline; ties to the smaller unit id (as LEAD_ORDER in analytics-scope.ts).
-- Targets are DEFAULT_TARGETS (shared/src/domain): 300 s for P1/P2, 900 s P3, 1800 s P4;
-- incident-facts.test.ts checks every priority against arrivalTargetSeconds, so a change there fails it.
CREATE VIEW incident_facts_source AS
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
       ceil(date_part('epoch', i.dispatched_at - i.created_at))::integer AS processing_s,
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
 -- A unit that arrived without reporting "en route" travelled from its acknowledgement (or dispatch).
 CROSS JOIN LATERAL (SELECT COALESCE(i.en_route_at, CASE WHEN i.on_scene_at IS NOT NULL THEN COALESCE(i.acknowledged_at, i.dispatched_at) END) AS en_route_start) s;

-- Time per assignment state, from the assignment's own times: a spell ends at the
-- next recorded time; one that has not ended (a unit still on scene) is NULL, left
-- out rather than counted up to "now". Arriving without reporting "en route" means
-- travelling since the acknowledgement (or dispatch), as in responsePhases.
-- "First on scene": the unit arrived when the incident's first unit did.
CREATE VIEW assignment_facts_source AS
SELECT a.incident_id, a.unit_id, i.created_at,
       i.status NOT IN ('cancelled','false_alarm') AS received,
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

CREATE FUNCTION lf_refresh_assignment_facts(target text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM assignment_facts WHERE incident_id = target;
  INSERT INTO assignment_facts SELECT * FROM assignment_facts_source WHERE incident_id = target;
END
$$;

-- plpgsql, not sql: PL/pgSQL keeps the statement's plan for the session, a SQL
-- function plans the view again on every call (measured: 336 against 40 µs per incident insert).
CREATE FUNCTION lf_refresh_incident_facts(target text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO incident_facts SELECT * FROM incident_facts_source WHERE incident_id = target
  ON CONFLICT (incident_id) DO UPDATE SET
    created_at = EXCLUDED.created_at, local_day = EXCLUDED.local_day, local_week = EXCLUDED.local_week,
    local_month = EXCLUDED.local_month, local_hour = EXCLUDED.local_hour, local_isodow = EXCLUDED.local_isodow,
    received = EXCLUDED.received, status = EXCLUDED.status, priority = EXCLUDED.priority, category = EXCLUDED.category,
    grid_id = EXCLUDED.grid_id, lead_unit_id = EXCLUDED.lead_unit_id, processing_s = EXCLUDED.processing_s,
    turnout_s = EXCLUDED.turnout_s, travel_s = EXCLUDED.travel_s, response_s = EXCLUDED.response_s,
    within_target = EXCLUDED.within_target, on_scene_at = EXCLUDED.on_scene_at, resolve_s = EXCLUDED.resolve_s, close_s = EXCLUDED.close_s,
    outcome = EXCLUDED.outcome, settled_level = EXCLUDED.settled_level, rating = EXCLUDED.rating;
END
$$;

-- All of them again (first fill, a change of zone, data loaded with triggers off); returns the incidents.
CREATE FUNCTION lf_rebuild_incident_facts() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  DELETE FROM incident_facts;
  INSERT INTO incident_facts SELECT * FROM incident_facts_source;
  GET DIAGNOSTICS n = ROW_COUNT;
  DELETE FROM assignment_facts;
  INSERT INTO assignment_facts SELECT * FROM assignment_facts_source;
  RETURN n;
END
$$;

CREATE FUNCTION lf_incident_facts_from_incident() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lf_refresh_incident_facts(NEW.id);
  -- a new incident has no assignments yet: the live alert path skips this
  IF TG_OP = 'UPDATE' THEN PERFORM lf_refresh_assignment_facts(NEW.id); END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION lf_incident_facts_from_assignment() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM lf_refresh_incident_facts(OLD.incident_id);
    PERFORM lf_refresh_assignment_facts(OLD.incident_id);
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.incident_id IS DISTINCT FROM OLD.incident_id) THEN
    PERFORM lf_refresh_incident_facts(NEW.incident_id);
    PERFORM lf_refresh_assignment_facts(NEW.incident_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER incident_facts_insert AFTER INSERT ON incidents
  FOR EACH ROW EXECUTE FUNCTION lf_incident_facts_from_incident();

-- Only the columns the facts read: an alert joining an open incident (alert_count,
-- updated_at) or a note does not rewrite its facts.
CREATE TRIGGER incident_facts_update AFTER UPDATE OF
  created_at, status, priority, category, grid_id, dispatched_at, acknowledged_at, en_route_at, on_scene_at,
  resolved_at, closed_at, outcome, settled_level, rating ON incidents
  FOR EACH ROW WHEN ((OLD.created_at, OLD.status, OLD.priority, OLD.category, OLD.grid_id, OLD.dispatched_at, OLD.acknowledged_at,
                      OLD.en_route_at, OLD.on_scene_at, OLD.resolved_at, OLD.closed_at, OLD.outcome, OLD.settled_level, OLD.rating)
    IS DISTINCT FROM (NEW.created_at, NEW.status, NEW.priority, NEW.category, NEW.grid_id, NEW.dispatched_at, NEW.acknowledged_at,
                      NEW.en_route_at, NEW.on_scene_at, NEW.resolved_at, NEW.closed_at, NEW.outcome, NEW.settled_level, NEW.rating))
  EXECUTE FUNCTION lf_incident_facts_from_incident();

-- Incidents are not deleted (the timeline refers to them); should one be, its facts go with it.
CREATE FUNCTION lf_incident_facts_forget() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM incident_facts WHERE incident_id = OLD.id;
  DELETE FROM assignment_facts WHERE incident_id = OLD.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER incident_facts_delete AFTER DELETE ON incidents
  FOR EACH ROW EXECUTE FUNCTION lf_incident_facts_forget();

-- The lead unit and the assignment facts depend on the assignments.
CREATE TRIGGER incident_facts_assignment AFTER INSERT OR DELETE OR UPDATE OF
  incident_id, unit_id, status, dispatched_at, acknowledged_at, en_route_at, on_scene_at, cleared_at, ack_timeout_at ON incident_units
  FOR EACH ROW EXECUTE FUNCTION lf_incident_facts_from_assignment();

SELECT lf_rebuild_incident_facts();
