import type { FastifyPluginAsync } from 'fastify';
import { ALL_STAFF, requireRole } from '../users-auth/require-role.js';
import type { RoadNetwork } from './road-network.js';

export interface MapRouteDeps {
  /** The road graph, loaded on first use. */
  roads(): Promise<RoadNetwork>;
}

export const mapRoutes =
  (deps: MapRouteDeps): FastifyPluginAsync =>
  async (app) => {
    app.get(
      '/api/map/roads',
      {
        schema: { tags: ['map'], summary: 'The road network as GeoJSON lines with properties.class: the offline basemap' },
        preHandler: requireRole(...ALL_STAFF),
      },
      async (_request, reply) => {
        const network = await deps.roads();
        reply.header('cache-control', 'private, max-age=3600').type('application/geo+json');
        return network.geoJson();
      },
    );
  };
