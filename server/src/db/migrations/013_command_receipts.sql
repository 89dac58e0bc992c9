-- Replies to commands that carried an idempotency key (the tablet's offline queue: a report or a
-- resolve sent again after a lost reply). A replay with the same actor and key gets the first reply
-- and changes nothing: no second incident, no second timeline entry.
CREATE TABLE command_receipts (
  actor text NOT NULL,
  idempotency_key text NOT NULL,
  command text NOT NULL,
  reply jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor, idempotency_key)
);
