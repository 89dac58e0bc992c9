-- Lianfang core schema. Ids are text (UUIDs or readable demo ids); times are timestamptz.

CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE teams (
  id text PRIMARY KEY,
  name text NOT NULL,
  force text NOT NULL CHECK (force IN ('police','security','merchant_guard','volunteer','fire','medical','city_mgmt')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE units (
  id text PRIMARY KEY,
  callsign text NOT NULL UNIQUE,
  force text NOT NULL CHECK (force IN ('police','security','merchant_guard','volunteer','fire','medical','city_mgmt')),
  mode text NOT NULL CHECK (mode IN ('foot','bike','moto','car')),
  tracker_id text UNIQUE,
  team_id text REFERENCES teams(id),
  status text NOT NULL DEFAULT 'available' CHECK (status IN ('available','dispatched','en_route','on_scene','busy','off_duty')),
  -- the last accepted fix, so a restart shows every unit where it was
  last_fix jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin','operator','captain','manager')),
  team_id text REFERENCES teams(id),
  unit_id text REFERENCES units(id),
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE devices (
  id text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('alert_gateway','tracker')),
  unit_id text REFERENCES units(id),
  -- sha256 of the random key: keys are 256-bit random, so a slow hash adds nothing but latency
  key_hash text NOT NULL UNIQUE,
  lat double precision,
  lon double precision,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stations (
  id text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('safety_station','police_post','fire','medical','city_mgmt')),
  lat double precision NOT NULL,
  lon double precision NOT NULL
);

CREATE TABLE grids (
  id text PRIMARY KEY,
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('grid','community','street')),
  parent_id text REFERENCES grids(id),
  ring jsonb NOT NULL,
  leader text,
  contacts jsonb NOT NULL DEFAULT '[]'
);

CREATE TABLE incidents (
  id text PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('reported','dispatched','acknowledged','en_route','on_scene','resolved','closed','cancelled','false_alarm')),
  category text NOT NULL,
  priority text NOT NULL CHECK (priority IN ('P1','P2','P3','P4')),
  source text NOT NULL CHECK (source IN ('alert','call','patrol_report','manual')),
  title text NOT NULL,
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  grid_id text REFERENCES grids(id),
  device_id text REFERENCES devices(id),
  unit_id text REFERENCES units(id),
  alert_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  closed_at timestamptz
);
CREATE INDEX incidents_open_idx ON incidents (created_at) WHERE status IN ('reported','dispatched','acknowledged','en_route','on_scene');
CREATE INDEX incidents_device_idx ON incidents (device_id, created_at DESC);
CREATE INDEX incidents_unit_idx ON incidents (unit_id, created_at DESC);

CREATE TABLE alerts (
  id text PRIMARY KEY,
  kind text NOT NULL,
  source text NOT NULL CHECK (source IN ('gateway','tracker','tablet','operator')),
  device_id text REFERENCES devices(id),
  unit_id text REFERENCES units(id),
  incident_id text NOT NULL REFERENCES incidents(id),
  lat double precision,
  lon double precision,
  note text,
  device_time timestamptz,
  received_at timestamptz NOT NULL,
  idempotency_key text
);
CREATE UNIQUE INDEX alerts_idempotency_idx ON alerts (COALESCE(device_id, unit_id), idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX alerts_incident_idx ON alerts (incident_id);

CREATE TABLE incident_units (
  incident_id text NOT NULL REFERENCES incidents(id),
  unit_id text NOT NULL REFERENCES units(id),
  dispatched_at timestamptz,
  acknowledged_at timestamptz,
  en_route_at timestamptz,
  on_scene_at timestamptz,
  cleared_at timestamptz,
  PRIMARY KEY (incident_id, unit_id)
);

-- Append-only timeline of every incident: who did what, when.
CREATE TABLE incident_events (
  id bigserial PRIMARY KEY,
  incident_id text NOT NULL REFERENCES incidents(id),
  at timestamptz NOT NULL,
  actor text NOT NULL,
  kind text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX incident_events_incident_idx ON incident_events (incident_id, id);

CREATE TABLE positions (
  unit_id text NOT NULL REFERENCES units(id),
  device_time timestamptz NOT NULL,
  server_time timestamptz NOT NULL,
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  speed_kmh real,
  heading real,
  accuracy_m real,
  altitude_m real,
  battery real,
  flags text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX positions_unit_time_idx ON positions (unit_id, device_time);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  target text,
  data jsonb NOT NULL DEFAULT '{}'
);

-- The transactional outbox with a gap-free global order. A command bumps the one
-- counter row first (which serialises commands, so seq order = commit order) and
-- inserts its events in the same transaction; the relay publishes them by seq.
CREATE TABLE event_seq (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL
);
INSERT INTO event_seq (id, seq) VALUES (1, 0);

CREATE TABLE events (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  type text NOT NULL,
  payload jsonb NOT NULL
);
