-- Key areas that need a patrol presence every N minutes during set hours.
CREATE TABLE key_areas (
  id text PRIMARY KEY,
  name text NOT NULL,
  ring jsonb NOT NULL,
  every_minutes integer NOT NULL CHECK (every_minutes BETWEEN 1 AND 1440),
  from_hhmm text NOT NULL,
  to_hhmm text NOT NULL,
  last_visit_at timestamptz,
  last_visit_unit_id text REFERENCES units(id),
  overdue_since timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
