-- The closed loop: ladder level, first-milestone times (for clocks and analytics in SQL),
-- resolution and evaluation, per-unit assignment state, and the street office's call-ins.

ALTER TABLE incidents
  ADD COLUMN level text NOT NULL DEFAULT 'grid' CHECK (level IN ('grid','community','street','department')),
  ADD COLUMN note text,
  ADD COLUMN dispatched_at timestamptz,
  ADD COLUMN acknowledged_at timestamptz,
  ADD COLUMN en_route_at timestamptz,
  ADD COLUMN on_scene_at timestamptz,
  ADD COLUMN resolved_at timestamptz,
  ADD COLUMN ack_breached_at timestamptz,
  ADD COLUMN arrival_breached_at timestamptz,
  ADD COLUMN outcome text CHECK (outcome IN ('solved_on_site','mediated','referred','arrest_handover','false_alarm','no_action')),
  ADD COLUMN settled_level text CHECK (settled_level IN ('grid','community','street','department')),
  ADD COLUMN resolution_note text,
  ADD COLUMN rating integer CHECK (rating BETWEEN 1 AND 5),
  ADD COLUMN feedback text;

ALTER TABLE incident_units
  ADD COLUMN status text NOT NULL DEFAULT 'dispatched' CHECK (status IN ('dispatched','acknowledged','en_route','on_scene','cleared','declined'));
ALTER TABLE incident_units ALTER COLUMN dispatched_at SET NOT NULL;
CREATE INDEX incident_units_unit_idx ON incident_units (unit_id) WHERE status IN ('dispatched','acknowledged','en_route','on_scene');

CREATE TABLE call_ins (
  incident_id text NOT NULL REFERENCES incidents(id),
  department text NOT NULL,
  summoned_at timestamptz NOT NULL,
  deadline timestamptz NOT NULL,
  reported_at timestamptz,
  reported_by text,
  PRIMARY KEY (incident_id, department)
);
