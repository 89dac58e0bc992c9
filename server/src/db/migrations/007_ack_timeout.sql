-- A dispatched unit that does not acknowledge in time: when it was noticed, and who was offered (or sent) instead.
ALTER TABLE incident_units
  ADD COLUMN ack_timeout_at timestamptz,
  ADD COLUMN replacement_unit_id text REFERENCES units(id);
