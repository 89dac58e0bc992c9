import { Type } from '@sinclair/typebox';
import { loopRates } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { badRequest } from '../domain-errors.js';
import { requireRole } from '../users-auth/require-role.js';
import { loopCounts } from './loop-counts.js';
import type { AnalyticsDeps } from './analytics-deps.js';

const Range = Type.Object({ from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) });

/** Closure rate, level that settled cases, mediation success: counted in SQL, divided by the shared code. */
export const statsRoutes =
  (deps: AnalyticsDeps): FastifyPluginAsyncTypebox =>
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
        const counts = await loopCounts(deps.db, from, to);
        return { from, to, counts, rates: loopRates(counts) };
      },
    );
  };
