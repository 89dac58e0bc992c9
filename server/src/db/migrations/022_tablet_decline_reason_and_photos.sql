-- The tablet (issue 16): a captain who declines a dispatch says why, and a report from the street
-- can carry a photo. The reason stays on the assignment (the desk sees it next to the unit); the
-- photo's bytes live in a file under DATA_DIR/photos (a database is no place for megabytes of JPEG),
-- this row is what the incident lists and what decides who may fetch it.
ALTER TABLE incident_units ADD COLUMN decline_reason text;

CREATE TABLE incident_photos (
  id text PRIMARY KEY,
  incident_id text NOT NULL REFERENCES incidents(id),
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes integer NOT NULL CHECK (bytes > 0),
  uploaded_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_photos_by_incident ON incident_photos (incident_id, created_at);
