-- Managers' analytics (issue 6): the dashboard keeps the figures of settled
-- periods (whole past months and days) per server instance and computes only
-- today from the facts (docs/analytics.md, "Settled periods"). A kept figure is
-- good as long as no incident of its period changed since it was computed, and
-- that is asked of this column: the transaction that last wrote the facts row.
-- A row written by a transaction that the kept figure's snapshot did not see
-- (pg_visible_in_snapshot) makes that period stale. The index serves exactly
-- that question ("written since transaction X"), which reads only recent changes.
ALTER TABLE incident_facts ADD COLUMN changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX incident_facts_changed_xid_idx ON incident_facts (changed_xid);

-- Inserts take the default; every update, whoever writes it (the refresh of
-- migration 012, a rebuild, a hand fix), is marked here rather than in each writer.
CREATE FUNCTION lf_mark_incident_facts_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.changed_xid := pg_current_xact_id();
  RETURN NEW;
END
$$;

CREATE TRIGGER incident_facts_change_mark BEFORE UPDATE ON incident_facts
  FOR EACH ROW EXECUTE FUNCTION lf_mark_incident_facts_change();
