import { Type } from '@sinclair/typebox';
import { AlertSchema, IdSchema, IncidentSchema, TimelineEntrySchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../compose.js';
import { notFound } from '../domain-errors.js';
import { CONTROL_ROOM, requireRole } from '../users-auth/require-role.js';
import { listAlertsOfIncident } from '../alerts/alert-repository.js';
import { getIncident } from './incident-repository.js';
import { nameTimelineActors } from './timeline-actors.js';

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
        const incident = await getIncident(core.db, request.params.id);
        if (!incident) throw notFound('incident');
        const alerts = await listAlertsOfIncident(core.db, incident.id);
        const rows = await core.db.query<{ at: Date; actor: string; kind: string; data: Record<string, unknown> }>(
          'SELECT at, actor, kind, data FROM incident_events WHERE incident_id = $1 ORDER BY id',
          [incident.id],
        );
        const timeline = await nameTimelineActors(
          core.db,
          rows.map((r) => ({ ...r, at: r.at.toISOString() })),
        );
        return { incident, alerts, timeline };
      },
    );
  };
