import type { LoopCounts } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';

/** The closed loop's counts for incidents received in [from, to): closure, the level that settled them, mediation. */
export async function loopCounts(q: Queryable, from: string, to: string): Promise<LoopCounts> {
  const [counts] = await q.query<LoopCounts>(
    `SELECT count(*)::int AS "received",
       count(*) FILTER (WHERE status = 'closed')::int AS "closed",
       count(*) FILTER (WHERE status IN ('resolved','closed'))::int AS "resolvedOrClosed",
       count(*) FILTER (WHERE settled_level = 'grid')::int AS "settledGrid",
       count(*) FILTER (WHERE settled_level = 'community')::int AS "settledCommunity",
       count(*) FILTER (WHERE settled_level = 'street')::int AS "settledStreet",
       count(*) FILTER (WHERE settled_level = 'department')::int AS "settledDepartment",
       count(*) FILTER (WHERE category = 'dispute' AND status IN ('resolved','closed'))::int AS "disputesResolved",
       count(*) FILTER (WHERE category = 'dispute' AND outcome = 'mediated')::int AS "disputesMediated"
     FROM incidents WHERE created_at >= $1 AND created_at < $2 AND status NOT IN ('cancelled','false_alarm')`,
    [from, to],
  );
  return counts!;
}
