import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../compose.js';
import { ALL_STAFF, requireRole } from '../../modules/users-auth/require-role.js';
import { captainScope, snapshotFor } from '../../modules/users-auth/captain-visibility.js';

export const stateRoutes =
  (core: Core): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/state',
      { schema: { tags: ['state'], summary: 'The live picture at its seq (same as the socket snapshot)' }, preHandler: requireRole(...ALL_STAFF) },
      async (request) => {
        const s = request.session!;
        // A captain gets their share, as on the socket.
        return s.role === 'captain' ? snapshotFor(core.picture.snapshot(), captainScope(core.picture, s)) : core.picture.snapshot();
      },
    );
    app.get(
      '/api/grids',
      { schema: { tags: ['state'], summary: 'Grids at all three levels' }, preHandler: requireRole(...ALL_STAFF) },
      async () => core.picture.grids,
    );
    app.get(
      '/api/stations',
      { schema: { tags: ['state'], summary: 'Stations and safety stations' }, preHandler: requireRole(...ALL_STAFF) },
      async () => core.picture.stations,
    );
    app.get('/api/teams', { schema: { tags: ['state'], summary: 'Teams' }, preHandler: requireRole(...ALL_STAFF) }, async () => core.picture.teams);
  };
