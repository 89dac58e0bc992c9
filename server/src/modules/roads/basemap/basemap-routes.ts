import { gunzipSync } from 'node:zlib';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { badRequest, notFound } from '../../domain-errors.js';
import { ALL_STAFF, requireRole } from '../../users-auth/require-role.js';
import type { BasemapLoad } from './basemap-cache.js';
import { BASEMAP_THEMES } from './basemap-palettes.js';
import { basemapStyle } from './basemap-style.js';
import { tileRange } from './tile-pyramid.js';

export interface BasemapRouteDeps {
  basemap(): Promise<BasemapLoad>;
}

const TileParams = Type.Object({
  z: Type.Integer({ minimum: 0, maximum: 30 }),
  x: Type.Integer({ minimum: 0 }),
  y: Type.Integer({ minimum: 0 }),
});
const TileQuery = Type.Object({ v: Type.Optional(Type.String({ maxLength: 64 })) });
const StyleQuery = Type.Object({
  theme: Type.Optional(Type.Union(BASEMAP_THEMES.map((t) => Type.Literal(t)))),
  scale: Type.Optional(Type.Number({ minimum: 1, maximum: 3 })),
});

const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * The basemap's tiles and style. Behind a login like every operator route: the tiles are
 * only public map data, but the wall and tablets are logged in anyway and send the session
 * cookie with each tile, so the rule costs nothing and leaks nothing about the jurisdiction.
 */
export const basemapRoutes =
  (deps: BasemapRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/tiles/:z/:x/:y',
      {
        schema: {
          tags: ['map'],
          summary: 'A basemap vector tile (Mapbox Vector Tile, gzip); 204 when the extract has nothing there, 404 outside it',
          params: TileParams,
          querystring: TileQuery,
        },
        preHandler: requireRole(...ALL_STAFF),
      },
      async (request, reply) => {
        const { z, x, y } = request.params;
        if (x >= 2 ** z) throw badRequest('x', `must be below ${2 ** z} at zoom ${z}`);
        if (y >= 2 ** z) throw badRequest('y', `must be below ${2 ** z} at zoom ${z}`);
        const { archive } = await deps.basemap();
        const { minzoom, maxzoom, bounds, key } = archive.meta;
        const range = z >= minzoom && z <= maxzoom ? tileRange(bounds, z) : null;
        if (!range || x < range.minX || x > range.maxX || y < range.minY || y > range.maxY) throw notFound('tile');
        // The style puts the archive's key in the URL: such a tile never changes, so it may be
        // kept for a year; without it (or with an old key), revalidate each time.
        reply.header('cache-control', request.query.v === key ? `private, max-age=${YEAR_SECONDS}, immutable` : 'private, no-cache');
        const tile = archive.tile(z, x, y);
        if (!tile) return reply.code(204).send();
        const etag = `"${tile.etag}"`;
        reply.header('etag', etag).header('vary', 'accept-encoding');
        if (request.headers['if-none-match'] === etag) return reply.code(304).send();
        reply.type('application/vnd.mapbox-vector-tile');
        if (!/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.send(gunzipSync(tile.gzipped));
        return reply.header('content-encoding', 'gzip').send(tile.gzipped);
      },
    );

    app.get(
      '/map/style.json',
      {
        schema: {
          tags: ['map'],
          summary: 'The MapLibre style of the served basemap: theme=dark (the wall) or light (tablets in daylight)',
          querystring: StyleQuery,
        },
        preHandler: requireRole(...ALL_STAFF),
      },
      async (request, reply) => {
        const { archive } = await deps.basemap();
        const { key, bounds, openStreetMap } = archive.meta;
        reply.header('cache-control', 'private, no-cache');
        return basemapStyle({ theme: request.query.theme ?? 'dark', scale: request.query.scale ?? 1, key, bounds, openStreetMap });
      },
    );
  };
