import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ALL_STAFF, requireRole } from '../../modules/users-auth/require-role.js';
import { captainScope, snapshotFor } from '../../modules/users-auth/captain-visibility.js';
import type { LivePicture } from '../../modules/live-picture.js';

export interface StateRouteDeps {
  picture: LivePicture;
}

export const stateRoutes =
  (deps: StateRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/state',
      { schema: { tags: ['state'], summary: 'The live picture at its seq (same as the socket snapshot)' }, preHandler: requireRole(...ALL_STAFF) },
      async (request) => {
        const s = request.session!;
        // A captain gets their share, as on the socket.
        return s.role === 'captain' ? snapshotFor(deps.picture.snapshot(), captainScope(deps.picture, s)) : deps.picture.snapshot();
      },
    );
    app.get(
      '/api/grids',
      { schema: { tags: ['state'], summary: 'Grids at all three levels' }, preHandler: requireRole(...ALL_STAFF) },
      async () => deps.picture.grids,
    );
    app.get(
      '/api/stations',
      { schema: { tags: ['state'], summary: 'Stations and safety stations' }, preHandler: requireRole(...ALL_STAFF) },
      async () => deps.picture.stations,
    );
    app.get('/api/teams', { schema: { tags: ['state'], summary: 'Teams' }, preHandler: requireRole(...ALL_STAFF) }, async () => deps.picture.teams);
  };
