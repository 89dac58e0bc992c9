import type { LoopCounts } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';

/**
 * The closed loop's counts for incidents received in [from, to), read from the facts
 * (migration 024) so that /api/stats/loop and the closure table share one definition
 * of received, concluded and false alarm (shared loop-stats.ts).
 */
export async function loopCounts(q: Queryable, from: string, to: string): Promise<LoopCounts> {
  const [counts] = await q.query<LoopCounts>(
    `SELECT count(*)::int AS "received",
       count(*) FILTER (WHERE concluded)::int AS "concluded",
       count(*) FILTER (WHERE status IN ('resolved','closed'))::int AS "resolved",
       count(*) FILTER (WHERE status = 'closed')::int AS "evaluated",
       count(*) FILTER (WHERE false_alarm)::int AS "falseAlarms",
       count(*) FILTER (WHERE settled_level = 'grid')::int AS "settledGrid",
       count(*) FILTER (WHERE settled_level = 'community')::int AS "settledCommunity",
       count(*) FILTER (WHERE settled_level = 'street')::int AS "settledStreet",
       count(*) FILTER (WHERE settled_level = 'department')::int AS "settledDepartment",
       count(*) FILTER (WHERE category = 'dispute')::int AS "disputesReceived",
       count(*) FILTER (WHERE category = 'dispute' AND concluded)::int AS "disputesConcluded",
       count(*) FILTER (WHERE category = 'dispute' AND outcome = 'mediated')::int AS "disputesMediated"
     FROM incident_facts WHERE created_at >= $1 AND created_at < $2 AND received`,
    [from, to],
  );
  return counts!;
}
