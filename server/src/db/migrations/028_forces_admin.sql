-- The administration console's forces (issue 19): teams and units are edited by administrators,
-- so each carries a version (two administrators never overwrite each other silently), and is
-- retired instead of deleted: history, analytics and timelines keep pointing at it.
ALTER TABLE teams ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE teams ADD COLUMN retired_at timestamptz;
ALTER TABLE units ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE units ADD COLUMN retired_at timestamptz;
-- The station a unit is based at (where it starts a shift); NULL: none.
ALTER TABLE units ADD COLUMN station_id text REFERENCES stations(id);
