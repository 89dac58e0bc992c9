import { Type } from '@sinclair/typebox';
import { CandidatesQuerySchema, CandidatesReplySchema, CandidatesRequestSchema, IdSchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { notFound } from '../domain-errors.js';
import { CONTROL_ROOM, requireRole } from '../users-auth/require-role.js';
import type { LivePicture } from '../live-picture.js';
import type { CandidateService } from './candidate-service.js';

export interface CandidateDeps {
  candidates: CandidateService;
  picture: LivePicture;
}

/** `?force=&mode=` as a form leaves them: an empty filter means no filter, not a bad value. */
async function dropEmptyQuery(request: FastifyRequest): Promise<void> {
  const query = request.query as Record<string, unknown>;
  for (const key of Object.keys(query)) if (query[key] === '') delete query[key];
}

/** ETA-ranked dispatch candidates: for an open incident, or for any point on the map. */
export const candidateRoutes =
  (deps: CandidateDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    // Checked on request, before the body is parsed or validated: no login, no hints about the input.
    const controlRoom = requireRole(...CONTROL_ROOM);

    app.get(
      '/api/incidents/:id/candidates',
      {
        schema: {
          tags: ['dispatch'],
          summary: 'Units ranked by capability for the incident, then ETA (available first, then busy ones, flagged)',
          params: Type.Object({ id: IdSchema }),
          querystring: CandidatesQuerySchema,
          response: { 200: CandidatesReplySchema },
        },
        onRequest: controlRoom,
        preValidation: dropEmptyQuery,
      },
      async (request) => {
        const incident = deps.picture.incidents.get(request.params.id);
        if (!incident) throw notFound('open incident');
        // The incident's own category ranks by capability: the desk never needs to send it.
        return deps.candidates.find({ lat: incident.lat, lon: incident.lon }, { ...request.query, category: incident.category });
      },
    );

    app.post(
      '/api/candidates',
      {
        schema: {
          tags: ['dispatch'],
          summary: 'Units ranked by ETA to any point, by capability first when a category is given (available first, then busy ones)',
          body: CandidatesRequestSchema,
          response: { 200: CandidatesReplySchema },
        },
        onRequest: controlRoom,
      },
      async (request) => {
        const { lat, lon, ...filters } = request.body;
        return deps.candidates.find({ lat, lon }, filters);
      },
    );
  };
