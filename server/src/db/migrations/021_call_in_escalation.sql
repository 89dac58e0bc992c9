-- A summoned department that misses its deadline escalates the case ONCE: the watcher
-- stamps escalated_at in the same update that claims the call-in (IS NULL guard, so with
-- several instances only one escalates), and the wall shows "escalated at …" from it.
-- A fresh whistle for that department clears it again.
ALTER TABLE call_ins ADD COLUMN escalated_at timestamptz;

-- Who last changed a plan task (shown beside the tick on the wall: "who/when").
ALTER TABLE incident_tasks ADD COLUMN updated_by text;
