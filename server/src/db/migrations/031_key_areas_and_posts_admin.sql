-- Issue 19 (the console keeps key areas, fixed posts and guard tours): like grids and stations
-- (migration 027) each gets the district's own code (the key of the GeoJSON import and export), a
-- version a change is checked against (a stale one is refused, never overwritten) and a retirement
-- time instead of deletion (visit history and analytics keep pointing at a retired key area).
-- A code is unique among the records in service only: a retired post's code may be given again.
-- Rows from before take their id as code (lf_code_from_id, migration 027, also fills it on insert).
ALTER TABLE key_areas ADD COLUMN code text;
UPDATE key_areas SET code = id;
ALTER TABLE key_areas ALTER COLUMN code SET NOT NULL;
ALTER TABLE key_areas ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE key_areas ADD COLUMN retired_at timestamptz;
CREATE UNIQUE INDEX key_areas_code_in_service ON key_areas (code) WHERE retired_at IS NULL;
CREATE TRIGGER key_areas_code_from_id BEFORE INSERT ON key_areas FOR EACH ROW EXECUTE FUNCTION lf_code_from_id();

ALTER TABLE patrol_plans ADD COLUMN code text;
UPDATE patrol_plans SET code = id;
ALTER TABLE patrol_plans ALTER COLUMN code SET NOT NULL;
ALTER TABLE patrol_plans ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE patrol_plans ADD COLUMN retired_at timestamptz;
CREATE UNIQUE INDEX patrol_plans_code_in_service ON patrol_plans (code) WHERE retired_at IS NULL;
CREATE TRIGGER patrol_plans_code_from_id BEFORE INSERT ON patrol_plans FOR EACH ROW EXECUTE FUNCTION lf_code_from_id();
