import { join } from 'node:path';
import { GeographyDraftSchema, type GeographyDraft } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../../config.js';
import { DomainError } from '../../domain-errors.js';
import { requireRole } from '../../users-auth/require-role.js';
import { loadGeographyDraft } from './geography-draft-cache.js';

/**
 * `GET /api/admin/drafts/geography`: grids and stations read from the ROAD_NETWORK extract
 * (docs/admin-geography.md, "Start from the extract"). Made on the first request (a second or
 * two for a district), then kept in memory and on disk beside the road graph: never at start.
 */
export const geographyDraftRoutes =
  (deps: { config: Pick<Config, 'ROAD_NETWORK' | 'DATA_DIR'> }): FastifyPluginAsyncTypebox =>
  async (app) => {
    let loading: Promise<GeographyDraft> | undefined;
    const draft = (path: string) => {
      loading ??= loadGeographyDraft(path, join(deps.config.DATA_DIR, 'road-graphs')).catch((error: unknown) => {
        loading = undefined; // a failed read is tried again on the next request
        throw error;
      });
      return loading;
    };

    app.get(
      '/api/admin/drafts/geography',
      {
        schema: {
          tags: ['admin'],
          summary: "A draft of grids and stations from the road network's extract (boundaries or a tiling, POIs), in the GeoJSON import format",
          response: { 200: GeographyDraftSchema },
        },
        onRequest: requireRole('admin'),
      },
      async (): Promise<GeographyDraft> => {
        const path = deps.config.ROAD_NETWORK;
        if (!path)
          throw new DomainError(
            'not_found',
            'ROAD_NETWORK: no road network extract is set (the demo city has no boundaries or POIs to draft from)',
            'ROAD_NETWORK',
          );
        return draft(path);
      },
    );
  };
