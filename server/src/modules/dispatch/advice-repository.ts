import type { IncidentAdvice } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';

/**
 * The last published advice of each given incident, read from the outbox (advice has no
 * table of its own: it is derived state). Lets a starting instance hold the same picture
 * as the running ones at the same seq; served by the partial index of 003_coverage.sql.
 */
export async function latestAdvice(q: Queryable, incidentIds: readonly string[]): Promise<IncidentAdvice[]> {
  if (incidentIds.length === 0) return [];
  const rows = await q.query<{ payload: { advice: IncidentAdvice } }>(
    `SELECT e.payload FROM unnest($1::text[]) AS x(id)
     CROSS JOIN LATERAL (
       SELECT payload FROM events WHERE type = 'incident.advice' AND payload->'advice'->>'incidentId' = x.id ORDER BY seq DESC LIMIT 1
     ) e`,
    [incidentIds],
  );
  return rows.map((r) => r.payload.advice);
}
