-- The history import (issue 17): concluded cases brought in from a district's previous
-- system, applied through the live rules (modules/incidents/history-import.ts). external_id
-- is the case's id there: importing a file again changes nothing (the same content is
-- "unchanged"; different content under a known id is refused — history is not rewritten).
-- import_hash is the hash of the row as it was imported, to tell those two apart.
ALTER TABLE incidents
  ADD COLUMN external_id text,
  ADD COLUMN import_hash text;
CREATE UNIQUE INDEX incidents_external_id_idx ON incidents (external_id) WHERE external_id IS NOT NULL;
