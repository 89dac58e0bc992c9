import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PlaceSearchQuerySchema, PlaceSearchReplySchema } from '@lianfang/shared';
import { badRequest } from '../domain-errors.js';
import { CONTROL_ROOM, requireRole } from '../users-auth/require-role.js';
import type { PlaceDirectory } from './place-directory.js';

export interface PlaceRouteDeps {
  directory(): Promise<PlaceDirectory>;
}

/** `near=lat,lon` → a point, or a 400 naming `near`. */
export function parseNear(near: string | undefined): { lat: number; lon: number } | null {
  if (near === undefined) return null;
  const [lat, lon] = near.split(',').map((part) => Number(part.trim()));
  if (lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon)) throw badRequest('near', 'expected lat,lon');
  if (Math.abs(lat) > 90) throw badRequest('near', 'latitude must be between -90 and 90');
  if (Math.abs(lon) > 180) throw badRequest('near', 'longitude must be between -180 and 180');
  return { lat, lon };
}

export const placeRoutes =
  (deps: PlaceRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/places',
      {
        schema: {
          tags: ['places'],
          summary:
            'Place search: streets, crossings, named places, addresses, grids, stations, key areas, units by callsign (Chinese, pinyin, initials, English)',
          querystring: PlaceSearchQuerySchema,
          response: { 200: PlaceSearchReplySchema },
        },
        onRequest: requireRole(...CONTROL_ROOM),
      },
      async (request) => {
        const near = parseNear(request.query.near);
        const q = request.query.q.trim();
        if (q === '') throw badRequest('q', 'must not be blank');
        const directory = await deps.directory();
        return { places: directory.search(q, near, request.query.limit ?? 10) };
      },
    );
  };
