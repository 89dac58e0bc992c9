-- Server-side sessions (issue 14): a token is only as good as its row here, so a logout, a disabled
-- user, a change of role or password ends the login at once on every instance, and an administrator
-- can list and end a user's logins. The token itself is never stored: `id` is random and only its
-- HMAC-signed wrapper travels.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  -- touched at most once a minute per session: a write per request would cost more than the check
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  address text,
  user_agent text,
  ended_at timestamptz,
  ended_reason text CHECK (ended_reason IN ('logout', 'ended_by_admin', 'disabled', 'role_changed', 'password_changed', 'expired'))
);
CREATE INDEX sessions_open_by_user ON sessions (user_id) WHERE ended_at IS NULL;
