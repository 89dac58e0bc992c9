import { Type } from '@sinclair/typebox';
import { AlertSchema, DuplicateQuerySchema, IdSchema, IncidentSchema, PossibleDuplicateSchema, possibleDuplicates } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../compose.js';
import { notFound } from '../domain-errors.js';
import { CONTROL_ROOM, requireRole } from '../users-auth/require-role.js';
import { listAlertsOfIncident } from '../alerts/alert-repository.js';
import { getIncident } from './incident-repository.js';

const TimelineEntry = Type.Object({ at: Type.String(), actor: Type.String(), kind: Type.String(), data: Type.Record(Type.String(), Type.Unknown()) });

export const incidentRoutes =
  (core: Core): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/incidents',
      {
        schema: { tags: ['incidents'], summary: 'Open incidents (live picture)', response: { 200: Type.Array(IncidentSchema) } },
        preHandler: requireRole(...CONTROL_ROOM),
      },
      async () => [...core.picture.incidents.values()],
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
        return possibleDuplicates(core.picture.incidents.values(), point, radiusM);
      },
    );

    app.get(
      '/api/incidents/:id',
      {
        schema: {
          tags: ['incidents'],
          summary: 'One incident with its alerts and timeline',
          params: Type.Object({ id: IdSchema }),
          response: { 200: Type.Object({ incident: IncidentSchema, alerts: Type.Array(AlertSchema), timeline: Type.Array(TimelineEntry) }) },
        },
        preHandler: requireRole(...CONTROL_ROOM),
      },
      async (request) => {
        const incident = await getIncident(core.db, request.params.id);
        if (!incident) throw notFound('incident');
        const alerts = await listAlertsOfIncident(core.db, incident.id);
        const rows = await core.db.query<{ at: Date; actor: string; kind: string; data: Record<string, unknown> }>(
          'SELECT at, actor, kind, data FROM incident_events WHERE incident_id = $1 ORDER BY id',
          [incident.id],
        );
        return { incident, alerts, timeline: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
      },
    );
  };
