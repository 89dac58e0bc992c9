import type { FastifyPluginAsync } from 'fastify';
import type { Core } from '../../compose.js';
import { ALL_STAFF, requireRole } from '../users-auth/require-role.js';

export const mapRoutes =
  (core: Core): FastifyPluginAsync =>
  async (app) => {
    app.get(
      '/api/map/roads',
      {
        schema: { tags: ['map'], summary: 'The road network as GeoJSON lines with properties.class: the offline basemap' },
        preHandler: requireRole(...ALL_STAFF),
      },
      async (_request, reply) => {
        const network = await core.roads();
        reply.header('cache-control', 'private, max-age=3600').type('application/geo+json');
        return network.geoJson();
      },
    );
  };
