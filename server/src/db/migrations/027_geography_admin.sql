-- Issue 19 (geography in the console): grids and stations are set up and edited by an
-- administrator. Each gets the district's own code (unique, the key of the GeoJSON import and
-- export), a version that two administrators editing at once are checked against (a stale one
-- is refused, never overwritten), and a retirement time instead of deletion: incidents and
-- history keep pointing at a retired grid. Rows from before (the demo seed) take their id as code.
ALTER TABLE grids ADD COLUMN code text;
UPDATE grids SET code = id;
ALTER TABLE grids ALTER COLUMN code SET NOT NULL;
ALTER TABLE grids ADD CONSTRAINT grids_code_unique UNIQUE (code);
ALTER TABLE grids ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE grids ADD COLUMN retired_at timestamptz;

ALTER TABLE stations ADD COLUMN code text;
UPDATE stations SET code = id;
ALTER TABLE stations ALTER COLUMN code SET NOT NULL;
ALTER TABLE stations ADD CONSTRAINT stations_code_unique UNIQUE (code);
ALTER TABLE stations ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE stations ADD COLUMN retired_at timestamptz;

-- A row written without a code (older code paths, SQL by hand) takes its id as code, as the
-- backfill above did: the NOT NULL then guards only against clearing one.
CREATE FUNCTION lf_code_from_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.code IS NULL THEN
    NEW.code := NEW.id;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER grids_code_from_id BEFORE INSERT ON grids FOR EACH ROW EXECUTE FUNCTION lf_code_from_id();
CREATE TRIGGER stations_code_from_id BEFORE INSERT ON stations FOR EACH ROW EXECUTE FUNCTION lf_code_from_id();
