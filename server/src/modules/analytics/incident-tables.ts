import {
  HISTOGRAM_BIN_SECONDS,
  CategoryChangeReplySchema,
  CategoryChangeRowSchema,
  ClosureReplySchema,
  ClosureRowSchema,
  AnalyticsFiltersSchema,
  ClosureQuerySchema,
  HeatmapCellSchema,
  HeatmapReplySchema,
  ResponseHistogramBinSchema,
  ResponseHistogramReplySchema,
  ResponseQuerySchema,
  ResponseReplySchema,
  ResponseRowSchema,
} from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AnalyticsContext } from './analytics-scope.js';
import { inAnalyticsSession } from './analytics-session.js';
import { CONTROL_ROOM, requireRole } from '../users-auth/require-role.js';
import { categoryChange } from './category-change.js';
import { closureMeasures } from './closure-measures.js';
import { incidentHeatmap } from './incident-heatmap.js';
import { responseHistogram } from './response-histogram.js';
import { responseMeasures } from './response-measures.js';
import { checkWindow } from './analytics-window.js';
import { sendTable } from './table-reply.js';
import type { AnalyticsDeps } from './analytics-deps.js';

/** Incident measures grouped for charts: response phases, closure, change by category, weekday × hour. */
export const incidentTableRoutes =
  (deps: AnalyticsDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const timeZone = deps.config.TIME_ZONE;
    const run = <T>(fn: (ctx: AnalyticsContext) => Promise<T>) => inAnalyticsSession(deps.db, timeZone, fn);
    const tags = ['analytics'];
    const envelope = (q: { from: string; to: string }) => ({ from: q.from, to: q.to, timeZone });

    app.get(
      '/api/analytics/response',
      {
        schema: {
          tags,
          summary: 'Response phases (p50/p90, share within target) per day, week, month, priority, category, grid, force, team or shift',
          querystring: ResponseQuerySchema,
          response: { 200: ResponseReplySchema },
        },
        onRequest: requireRole(...CONTROL_ROOM),
      },
      async (request, reply) => {
        const q = { ...request.query, ...checkWindow(request.query.from, request.query.to) };
        const { rows, total } = await run((ctx) => responseMeasures(ctx, q));
        return sendTable(reply, q.format, ResponseRowSchema, 'response', { ...envelope(q), groupBy: q.groupBy ?? 'day', notApplied: [], rows, total });
      },
    );

    app.get(
      '/api/analytics/response-histogram',
      {
        schema: {
          tags,
          summary: 'Distribution of response times (received → first on scene): one bar per minute, the last open, with the arrivals within target in each',
          querystring: AnalyticsFiltersSchema,
          response: { 200: ResponseHistogramReplySchema },
        },
        onRequest: requireRole(...CONTROL_ROOM),
      },
      async (request, reply) => {
        const q = { ...request.query, ...checkWindow(request.query.from, request.query.to) };
        const { rows, responded } = await run((ctx) => responseHistogram(ctx, q));
        return sendTable(reply, q.format, ResponseHistogramBinSchema, 'response-histogram', {
          ...envelope(q),
          binSeconds: HISTOGRAM_BIN_SECONDS,
          responded,
          notApplied: [],
          rows,
        });
      },
    );

    app.get(
      '/api/analytics/closure',
      {
        schema: {
          tags,
          summary: 'Closure rate, median times to resolve and close, level that settled, mediation success, per group',
          querystring: ClosureQuerySchema,
          response: { 200: ClosureReplySchema },
        },
        onRequest: requireRole(...CONTROL_ROOM),
      },
      async (request, reply) => {
        const q = { ...request.query, ...checkWindow(request.query.from, request.query.to) };
        const { rows, total } = await run((ctx) => closureMeasures(ctx, q));
        return sendTable(reply, q.format, ClosureRowSchema, 'closure', { ...envelope(q), groupBy: q.groupBy ?? 'day', notApplied: [], rows, total });
      },
    );

    app.get(
      '/api/analytics/category-change',
      {
        schema: {
          tags,
          summary: 'Received per category in [from, to) against the preceding period of equal length',
          querystring: AnalyticsFiltersSchema,
          response: { 200: CategoryChangeReplySchema },
        },
        onRequest: requireRole(...CONTROL_ROOM),
      },
      async (request, reply) => {
        const q = { ...request.query, ...checkWindow(request.query.from, request.query.to) };
        const { rows, total, previousFrom, previousTo } = await run((ctx) => categoryChange(ctx, q));
        return sendTable(reply, q.format, CategoryChangeRowSchema, 'category-change', {
          ...envelope(q),
          previousFrom,
          previousTo,
          notApplied: [],
          rows,
          total,
        });
      },
    );

    app.get(
      '/api/analytics/heatmap',
      {
        schema: {
          tags,
          summary: 'Received incidents by local weekday × hour (always 168 cells)',
          querystring: AnalyticsFiltersSchema,
          response: { 200: HeatmapReplySchema },
        },
        onRequest: requireRole(...CONTROL_ROOM),
      },
      async (request, reply) => {
        const q = { ...request.query, ...checkWindow(request.query.from, request.query.to) };
        const rows = await run((ctx) => incidentHeatmap(ctx, q));
        return sendTable(reply, q.format, HeatmapCellSchema, 'heatmap', { ...envelope(q), notApplied: [], rows });
      },
    );
  };
