-- Timeline integrity (issue 7): incident_events is append-only and each incident's
-- rows form a hash chain, hash = sha256(prev_hash || canonical row), computed by a
-- BEFORE INSERT trigger in the inserting transaction (no extra round trip on the
-- alert path). The verifier (src/plugins/app/timeline) recomputes it in Node, so a
-- changed function here cannot vouch for itself.

ALTER TABLE incident_events ADD COLUMN prev_hash text;
ALTER TABLE incident_events ADD COLUMN hash text;

-- One field of the canonical row: its UTF-8 byte length, a colon, the text. Unambiguous whatever the text holds.
CREATE FUNCTION lf_chain_field(v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT octet_length(v)::text || ':' || v
$$;

-- The canonical row: id, incident, time in epoch microseconds, actor, kind, data as jsonb text (jsonb prints keys in one fixed order).
CREATE FUNCTION lf_incident_event_hash(prev text, id bigint, incident_id text, at timestamptz, actor text, kind text, data jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(coalesce(prev, '') || lf_chain_field(id::text) || lf_chain_field(incident_id)
    || lf_chain_field(((extract(epoch FROM at) * 1000000)::bigint)::text) || lf_chain_field(actor) || lf_chain_field(kind) || lf_chain_field(data::text), 'UTF8')), 'hex')
$$;

-- Backfill: chain the rows already there, per incident in id order.
DO $$
DECLARE
  r record;
  prev text;
  current_incident text := NULL;
BEGIN
  FOR r IN SELECT * FROM incident_events ORDER BY incident_id, id LOOP
    IF current_incident IS DISTINCT FROM r.incident_id THEN
      prev := NULL;
      current_incident := r.incident_id;
    END IF;
    UPDATE incident_events SET prev_hash = prev, hash = lf_incident_event_hash(prev, r.id, r.incident_id, r.at, r.actor, r.kind, r.data)
      WHERE id = r.id RETURNING hash INTO prev;
  END LOOP;
END
$$;

ALTER TABLE incident_events ALTER COLUMN hash SET NOT NULL;

-- Links the new row to its incident's last one. The per-incident lock (until commit) and
-- taking the id under it make id order equal chain order even if two writers ever raced
-- (commands are serialised on event_seq anyway, so the lock is never contended).
-- The hash is lf_incident_event_hash written out inline: a plpgsql call into nested SQL
-- functions costs more than the hashing (measured: docs/performance.md, issue 7).
CREATE FUNCTION lf_incident_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  id_text text;
  at_text text := ((extract(epoch FROM NEW.at) * 1000000)::bigint)::text;
  data_text text := NEW.data::text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('incident_events:' || NEW.incident_id));
  NEW.id := nextval(pg_get_serial_sequence('incident_events', 'id'));
  id_text := NEW.id::text;
  SELECT e.hash INTO NEW.prev_hash FROM incident_events e WHERE e.incident_id = NEW.incident_id ORDER BY e.id DESC LIMIT 1;
  NEW.hash := encode(sha256(convert_to(coalesce(NEW.prev_hash, '')
    || octet_length(id_text) || ':' || id_text || octet_length(NEW.incident_id) || ':' || NEW.incident_id
    || octet_length(at_text) || ':' || at_text || octet_length(NEW.actor) || ':' || NEW.actor
    || octet_length(NEW.kind) || ':' || NEW.kind || octet_length(data_text) || ':' || data_text, 'UTF8')), 'hex');
  RETURN NEW;
END
$$;
CREATE TRIGGER incident_events_chain BEFORE INSERT ON incident_events FOR EACH ROW EXECUTE FUNCTION lf_incident_events_chain();

-- Append-only: a timeline is evidence. Only a superuser who disables this trigger can change it, and the chain shows it.
CREATE FUNCTION lf_refuse_timeline_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'incident_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER incident_events_append_only BEFORE UPDATE OR DELETE ON incident_events FOR EACH ROW EXECUTE FUNCTION lf_refuse_timeline_change();
CREATE TRIGGER incident_events_no_truncate BEFORE TRUNCATE ON incident_events FOR EACH STATEMENT EXECUTE FUNCTION lf_refuse_timeline_change();
