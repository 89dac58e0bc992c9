-- A unit that raised an SOS needs help: it is never offered as a candidate, and the
-- status holds until the incident its SOS opened (or joined) resolves or is cancelled.
-- help_incident_id is that incident; while it is set, no assignment change moves the
-- unit's board status away from needs_help (see setUnitStatus).
ALTER TABLE units DROP CONSTRAINT units_status_check;
ALTER TABLE units ADD CONSTRAINT units_status_check
  CHECK (status IN ('available','dispatched','en_route','on_scene','busy','off_duty','needs_help'));
ALTER TABLE units ADD COLUMN help_incident_id text REFERENCES incidents(id) ON DELETE SET NULL;
CREATE INDEX units_help_incident_idx ON units (help_incident_id) WHERE help_incident_id IS NOT NULL;
-- The join rule reads a device's last press per incident (alert-join-repository.ts).
CREATE INDEX alerts_incident_received_idx ON alerts (incident_id, received_at DESC);
