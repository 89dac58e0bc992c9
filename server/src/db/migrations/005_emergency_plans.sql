-- Emergency plans: an incident may be opened by a plan, with a checklist of tasks.
ALTER TABLE incidents ADD COLUMN plan_id text;

CREATE TABLE incident_tasks (
  incident_id text NOT NULL REFERENCES incidents(id),
  idx integer NOT NULL,
  title text NOT NULL,
  owner text NOT NULL,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open','in_progress','done')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (incident_id, idx)
);
