-- The demo's past (issue 16): `pnpm demo` writes 90 days of incidents through the
-- same tables as the live system, so the facts triggers (migration 012) give the
-- dashboard the same figures they would give for real calls. They are marked here
-- so that nobody mistakes them for real ones and a report can leave them out.
-- Live incidents (including the ones the running demo opens) keep the default.
ALTER TABLE incidents ADD COLUMN demo boolean NOT NULL DEFAULT false;
CREATE INDEX incidents_demo_idx ON incidents (created_at) WHERE demo;
