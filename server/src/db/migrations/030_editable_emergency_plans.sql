-- Emergency plans are the district's own (issue 19): edited in the admin console, each save a
-- new version that stays readable, retired instead of deleted (incidents refer to them).
-- `content` is the plan as EmergencyPlanContentSchema has it: name, category, unitMix, tasks.
CREATE TABLE emergency_plans (
  id text PRIMARY KEY,
  version integer NOT NULL DEFAULT 1,
  content jsonb NOT NULL,
  retired_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text
);

CREATE TABLE emergency_plan_versions (
  plan_id text NOT NULL REFERENCES emergency_plans(id),
  version integer NOT NULL,
  content jsonb NOT NULL,
  retired boolean NOT NULL DEFAULT false,
  saved_at timestamptz NOT NULL DEFAULT now(),
  saved_by text,
  PRIMARY KEY (plan_id, version)
);
