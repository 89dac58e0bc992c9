import { Type } from '@sinclair/typebox';
import {
  AlertSchema,
  DuplicateQuerySchema,
  IdSchema,
  IncidentSchema,
  PossibleDuplicateSchema,
  TimelineEntrySchema,
  possibleDuplicates,
} from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound } from '../domain-errors.js';
import { CONTROL_ROOM, requireRole } from '../users-auth/require-role.js';
import { listAlertsOfIncident } from '../alerts/alert-repository.js';
import { getIncident, listAwaitingEvaluation } from './incident-repository.js';
import type { Database } from '../../db/database.js';
import type { LivePicture } from '../live-picture.js';

/** What the incident reads need: the live picture for open cases, the database for the rest. */
export interface IncidentRouteDeps {
  db: Database;
  picture: LivePicture;
}

import { nameTimelineActors } from './timeline-actors.js';

export const incidentRoutes =
  (deps: IncidentRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/incidents',
      {
        schema: { tags: ['incidents'], summary: 'Open incidents (live picture)', response: { 200: Type.Array(IncidentSchema) } },
        preHandler: requireRole(...CONTROL_ROOM),
      },
      async () => [...deps.picture.incidents.values()],
    );

    app.get(
      '/api/incidents/awaiting-evaluation',
      {
        schema: {
          tags: ['incidents'],
          summary: 'Resolved incidents not yet evaluated (the 评价 step still to do), newest first',
          querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }),
          response: { 200: Type.Array(IncidentSchema) },
        },
        preHandler: requireRole(...CONTROL_ROOM),
      },
      async (request) => listAwaitingEvaluation(deps.db, request.query.limit ?? 50),
    );

    app.get(
      '/api/incidents/possible-duplicates',
      {
        schema: {
          tags: ['incidents'],
          summary: 'Open incidents of a category near a point, nearest first (default within 300 m): a new call is offered to join one',
          querystring: DuplicateQuerySchema,
          response: { 200: Type.Array(PossibleDuplicateSchema) },
        },
        preHandler: requireRole(...CONTROL_ROOM),
      },
      async (request) => {
        const { radiusM, ...point } = request.query;
        return possibleDuplicates(deps.picture.incidents.values(), point, radiusM);
      },
    );

    app.get(
      '/api/incidents/:id',
      {
        schema: {
          tags: ['incidents'],
          summary: 'One incident with its alerts and timeline',
          params: Type.Object({ id: IdSchema }),
          response: { 200: Type.Object({ incident: IncidentSchema, alerts: Type.Array(AlertSchema), timeline: Type.Array(TimelineEntrySchema) }) },
        },
        preHandler: requireRole(...CONTROL_ROOM),
      },
      async (request) => {
        const incident = await getIncident(deps.db, request.params.id);
        if (!incident) throw notFound('incident');
        const alerts = await listAlertsOfIncident(deps.db, incident.id);
        const rows = await deps.db.query<{ at: Date; actor: string; kind: string; data: Record<string, unknown> }>(
          'SELECT at, actor, kind, data FROM incident_events WHERE incident_id = $1 ORDER BY id',
          [incident.id],
        );
        const timeline = await nameTimelineActors(
          deps.db,
          rows.map((r) => ({ ...r, at: r.at.toISOString() })),
        );
        return { incident, alerts, timeline };
      },
    );
  };
