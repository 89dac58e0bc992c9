-- Routing (issue 3): coverage over time for the managers' charts, and fast look-ups of the
-- latest derived events (coverage, incident advice) for an instance that is starting.

-- At most one row a minute, written by the coverage publisher; shares are fractions 0..1.
CREATE TABLE coverage_samples (
  at timestamptz NOT NULL,
  within5 real NOT NULL,
  within15 real NOT NULL,
  per_grid jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX coverage_samples_at_idx ON coverage_samples (at);

-- Without these a start would scan every position event in the outbox to find them.
CREATE INDEX events_coverage_idx ON events (seq) WHERE type = 'coverage.updated';
CREATE INDEX events_advice_idx ON events ((payload->'advice'->>'incidentId'), seq) WHERE type = 'incident.advice';
