import type { Coverage } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';

/** The last published coverage, from the outbox (a starting instance's picture; partial index in 003_coverage.sql). */
export async function latestCoverage(q: Queryable): Promise<Coverage | undefined> {
  const [row] = await q.query<{ payload: { coverage: Coverage } }>(`SELECT payload FROM events WHERE type = 'coverage.updated' ORDER BY seq DESC LIMIT 1`);
  return row?.payload.coverage;
}

/**
 * One row for the managers' coverage-over-time charts, unless one was written in the last
 * minute (by this or, during a publisher hand-over, another instance): at most one a minute.
 */
export async function sampleCoverage(q: Queryable, coverage: Coverage): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO coverage_samples (at, within5, within15, per_grid)
     SELECT now(), $1, $2, $3::jsonb
     WHERE NOT EXISTS (SELECT 1 FROM coverage_samples WHERE at > now() - interval '59 seconds')
     RETURNING at`,
    [coverage.share.overall.within5, coverage.share.overall.within15, JSON.stringify(coverage.share.perGrid)],
  );
  return rows.length > 0;
}
