import {
  DrilldownQuerySchema,
  DrilldownReplySchema,
  DrilldownRowSchema,
  TRACK_POINT_CAP,
  TrackPointSchema,
  TracksQuerySchema,
  TracksReplySchema,
} from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AnalyticsContext } from './analytics-scope.js';
import { inAnalyticsSession } from './analytics-session.js';
import { badRequest } from '../domain-errors.js';
import { CONTROL_ROOM, requireRole } from '../users-auth/require-role.js';
import { groupKeyProblem } from './group-key-filter.js';
import { incidentDrilldown } from './incident-drilldown.js';
import { unitTracks } from './unit-tracks.js';
import { checkWindow } from './analytics-window.js';
import { sendTable } from './table-reply.js';
import type { AnalyticsDeps } from './analytics-deps.js';

/** From a bar to the incidents behind it, and from an incident to the tracks of the units on it. */
export const drilldownRoutes =
  (deps: AnalyticsDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const timeZone = deps.config.TIME_ZONE;
    const run = <T>(fn: (ctx: AnalyticsContext) => Promise<T>) => inAnalyticsSession(deps.db, timeZone, fn);
    const tags = ['analytics'];

    app.get(
      '/api/analytics/incidents',
      {
        schema: {
          tags,
          summary: 'The incidents behind an aggregate: same filters, plus the bar (groupBy + groupKey) and a subset; oldest first, paged',
          querystring: DrilldownQuerySchema,
          response: { 200: DrilldownReplySchema },
        },
        onRequest: requireRole(...CONTROL_ROOM),
      },
      async (request, reply) => {
        const q = { ...request.query, ...checkWindow(request.query.from, request.query.to) };
        if (q.groupBy && q.groupKey === undefined) throw badRequest('groupKey', 'is required with groupBy');
        if (!q.groupBy && q.groupKey !== undefined) throw badRequest('groupBy', 'is required with groupKey');
        const problem = q.groupBy && q.groupKey !== undefined ? groupKeyProblem(q.groupBy, q.groupKey) : null;
        if (problem) throw badRequest('groupKey', problem);
        const page = await run((ctx) => incidentDrilldown(ctx, q));
        return sendTable(reply, q.format, DrilldownRowSchema, 'incidents', { from: q.from, to: q.to, timeZone, notApplied: [], ...page });
      },
    );

    app.get(
      '/api/analytics/tracks',
      {
        schema: {
          tags,
          summary: `Stored fixes of the given units in [from, to), for replay; more than ${TRACK_POINT_CAP} points is a 400`,
          querystring: TracksQuerySchema,
          response: { 200: TracksReplySchema },
        },
        onRequest: requireRole(...CONTROL_ROOM),
      },
      async (request, reply) => {
        const q = { ...request.query, ...checkWindow(request.query.from, request.query.to) };
        const unitIds = [...new Set(q.unitIds.split(','))];
        const result = await run((ctx) => unitTracks(ctx.db, unitIds, q.from, q.to));
        if ('unknownUnit' in result) throw badRequest('unitIds', `unknown unit ${result.unknownUnit}`);
        if ('tooMany' in result) throw badRequest('to', `the window holds more than ${result.cap} points: shorten it or ask for fewer units`);
        return sendTable(reply, q.format, TrackPointSchema, 'tracks', {
          from: q.from,
          to: q.to,
          timeZone,
          notApplied: [],
          rows: result.points,
          points: result.points.length,
          cap: TRACK_POINT_CAP,
        });
      },
    );
  };
