import { Type } from '@sinclair/typebox';
import { loopRates, type LoopCounts } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../compose.js';
import { badRequest } from '../domain-errors.js';
import { requireRole } from '../users-auth/require-role.js';

const Range = Type.Object({ from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) });

/** Closure rate, level that settled cases, mediation success: counted in SQL, divided by the shared code. */
export const statsRoutes =
  (core: Core): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/stats/loop',
      {
        schema: { tags: ['stats'], summary: 'Closed-loop figures for incidents received in [from, to)', querystring: Range },
        preHandler: requireRole('admin', 'operator', 'manager'),
      },
      async (request) => {
        const { from, to } = request.query;
        if (Date.parse(from) >= Date.parse(to)) throw badRequest('to', 'must be after from');
        const [counts] = await core.db.query<LoopCounts>(
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
        return { from, to, counts: counts!, rates: loopRates(counts!) };
      },
    );
  };
