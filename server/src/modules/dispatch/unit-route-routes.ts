import { Type } from '@sinclair/typebox';
import { IdSchema, UnitRouteSchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { forbidden } from '../domain-errors.js';
import { requireRole } from '../users-auth/require-role.js';
import { UnitRouteService } from './unit-route-service.js';
import type { LivePicture } from '../live-picture.js';
import type { RoadNetwork } from '../roads/road-network.js';
import type { Config } from '../../config.js';

export interface UnitRouteRouteDeps {
  picture: LivePicture;
  roads: () => Promise<RoadNetwork>;
  config: Pick<Config, 'EMERGENCY_FACTOR'>;
}

/** The captain's map: their unit's road route and ETA to an incident. The control room may ask for any unit. */
export const unitRouteRoutes =
  (deps: UnitRouteRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const service = new UnitRouteService(deps.picture, () => deps.roads(), deps.config.EMERGENCY_FACTOR);

    app.get(
      '/api/incidents/:id/units/:unitId/route',
      {
        schema: {
          tags: ['dispatch'],
          summary: "Road route and ETA from a unit's last position to an open incident (a captain: only their own unit)",
          params: Type.Object({ id: IdSchema, unitId: IdSchema }),
          response: { 200: UnitRouteSchema },
        },
        onRequest: requireRole('admin', 'operator', 'manager', 'captain'),
      },
      async (request) => {
        const s = request.session!;
        if (s.role === 'captain' && s.unitId !== request.params.unitId) throw forbidden('a captain sees the route of their own unit only');
        return service.route(request.params.id, request.params.unitId);
      },
    );
  };
