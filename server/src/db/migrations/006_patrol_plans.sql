-- Fixed posts and guard tours per unit and shift window.
CREATE TABLE patrol_plans (
  id text PRIMARY KEY,
  unit_id text NOT NULL REFERENCES units(id),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('post','tour')),
  from_hhmm text NOT NULL,
  to_hhmm text NOT NULL,
  post jsonb,
  checkpoints jsonb NOT NULL DEFAULT '[]',
  deviating_since timestamptz,
  shift_key text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX patrol_plans_unit_idx ON patrol_plans (unit_id);
