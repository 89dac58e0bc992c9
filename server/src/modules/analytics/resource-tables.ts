import {
  AnalyticsFiltersSchema,
  CoverageQuerySchema,
  CoverageReplySchema,
  CoverageRowSchema,
  KeyAreaComplianceReplySchema,
  KeyAreaComplianceRowSchema,
  MAX_HOURLY_WINDOW_DAYS,
  UnitActivityQuerySchema,
  UnitActivityReplySchema,
  UnitActivityRowSchema,
} from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AnalyticsContext } from './analytics-scope.js';
import { inAnalyticsSession } from './analytics-session.js';
import { badRequest } from '../domain-errors.js';
import { CONTROL_ROOM, requireRole } from '../users-auth/require-role.js';
import { coverageHistory } from './coverage-history.js';
import { keyAreaCompliance } from './key-area-compliance.js';
import { unitActivity } from './unit-activity.js';
import { checkWindow, notApplied } from './analytics-window.js';
import { sendTable } from './table-reply.js';
import type { AnalyticsDeps } from './analytics-deps.js';

/** Tables about units and places rather than incidents: unit activity, coverage over time, key-area compliance. */
export const resourceTableRoutes =
  (deps: AnalyticsDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const timeZone = deps.config.TIME_ZONE;
    const run = <T>(fn: (ctx: AnalyticsContext) => Promise<T>) => inAnalyticsSession(deps.db, timeZone, fn);
    const tags = ['analytics'];
    const envelope = (q: { from: string; to: string }, skipped: string[]) => ({ from: q.from, to: q.to, timeZone, notApplied: skipped });

    app.get(
      '/api/analytics/units',
      {
        schema: {
          tags,
          summary: 'Per unit (or team, force): assignments, arrivals, time per assignment state, on incidents received in the window',
          querystring: UnitActivityQuerySchema,
          response: { 200: UnitActivityReplySchema },
        },
        onRequest: requireRole(...CONTROL_ROOM),
      },
      async (request, reply) => {
        const q = { ...request.query, ...checkWindow(request.query.from, request.query.to) };
        const rows = await run((ctx) => unitActivity(ctx, q));
        return sendTable(reply, q.format, UnitActivityRowSchema, 'units', { ...envelope(q, []), per: q.per ?? 'unit', rows });
      },
    );

    app.get(
      '/api/analytics/coverage',
      {
        schema: {
          tags,
          summary: 'Coverage within 5 / 15 minutes over time (mean and lowest per local hour or day), overall or for one grid',
          querystring: CoverageQuerySchema,
          response: { 200: CoverageReplySchema },
        },
        onRequest: requireRole(...CONTROL_ROOM),
      },
      async (request, reply) => {
        const q = { ...request.query, ...checkWindow(request.query.from, request.query.to) };
        const interval = q.interval ?? 'day';
        if (interval === 'hour' && Date.parse(q.to) - Date.parse(q.from) > MAX_HOURLY_WINDOW_DAYS * 86_400_000) {
          throw badRequest('interval', `hourly buckets need a window of at most ${MAX_HOURLY_WINDOW_DAYS} days; use day`);
        }
        const rows = await run((ctx) => coverageHistory(ctx, { from: q.from, to: q.to, interval, gridId: q.gridId }));
        return sendTable(reply, q.format, CoverageRowSchema, 'coverage', {
          ...envelope(q, notApplied(q, ['force', 'teamId', 'category', 'priority'])),
          interval,
          rows,
        });
      },
    );

    app.get(
      '/api/analytics/key-areas',
      {
        schema: {
          tags,
          summary: 'Key-area compliance: watch slots of everyMinutes with a patrol inside ÷ slots required (force/teamId: count only those units)',
          querystring: AnalyticsFiltersSchema,
          response: { 200: KeyAreaComplianceReplySchema },
        },
        onRequest: requireRole(...CONTROL_ROOM),
      },
      async (request, reply) => {
        const q = { ...request.query, ...checkWindow(request.query.from, request.query.to) };
        const rows = await run((ctx) => keyAreaCompliance(ctx, q));
        return sendTable(reply, q.format, KeyAreaComplianceRowSchema, 'key-areas', { ...envelope(q, notApplied(q, ['gridId', 'category', 'priority'])), rows });
      },
    );
  };
