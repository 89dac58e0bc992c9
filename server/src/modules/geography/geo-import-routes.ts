import { GeoImportBodySchema, GeographyExportSchema, ImportReportSchema, type ImportReport } from '@lianfang/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { requireRole } from '../users-auth/require-role.js';
import { exportGeography } from './geo-export.js';
import { applyGridChanges, applyStationChanges } from './geo-import-stages.js';
import { planGridImport } from './grid-import.js';
import { geoReportOf } from './import-report-of.js';
import { planStationImport } from './station-import.js';

/** A city's grids with detailed borders: thousands of polygons of hundreds of points. */
const GEOJSON_BODY_LIMIT = 32 * 1024 * 1024;

const dryRunQuery = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ description: 'report what would happen, write nothing' })) },
  { additionalProperties: false },
);

/**
 * `POST /api/admin/import/{grids,stations}`: a GeoJSON FeatureCollection, keyed by `code`, all or
 * nothing in one transaction, answered with the row-by-row ImportReport (as the roster import).
 * A dry run plans only; otherwise the plan is made again inside the command so it sees the rows
 * as they are when written. `GET /api/admin/export/geography`: everything in service, re-importable.
 */
export const geoImportRoutes =
  (deps: { db: Database; bus: CommandBus }): FastifyPluginAsyncTypebox =>
  async (app) => {
    // Files saved from GIS tools say what they are.
    app.addContentTypeParser('application/geo+json', { parseAs: 'string', bodyLimit: GEOJSON_BODY_LIMIT }, app.getDefaultJsonParser('error', 'error'));

    const schemaOf = (what: string) => ({
      tags: ['admin'],
      summary: `Import ${what} from a GeoJSON FeatureCollection by code (dry run with dryRun=true); all or nothing`,
      querystring: dryRunQuery,
      body: GeoImportBodySchema,
      response: { 200: ImportReportSchema },
    });

    app.post(
      '/api/admin/import/grids',
      { bodyLimit: GEOJSON_BODY_LIMIT, schema: schemaOf('grids (Polygon; code, name, level, parentCode, leader, phone)'), onRequest: requireRole('admin') },
      async (request): Promise<ImportReport> => {
        const dryRun = request.query.dryRun === true;
        const actor = `user:${request.session!.username}`;
        const { features } = request.body;
        if (dryRun) return geoReportOf('grids', (await planGridImport(deps.db, features)).rows, true, false);
        const { result } = await deps.bus.run(async (q) => {
          const { rows, changes } = await planGridImport(q, features);
          if (rows.some((r) => r.action === 'reject') || changes.length === 0) return { result: geoReportOf('grids', rows, false, false), events: [] };
          const events = await applyGridChanges(q, changes, actor);
          return { result: geoReportOf('grids', rows, false, true), events };
        });
        return result;
      },
    );

    app.post(
      '/api/admin/import/stations',
      { bodyLimit: GEOJSON_BODY_LIMIT, schema: schemaOf('stations (Point; code, name, kind)'), onRequest: requireRole('admin') },
      async (request): Promise<ImportReport> => {
        const dryRun = request.query.dryRun === true;
        const actor = `user:${request.session!.username}`;
        const { features } = request.body;
        if (dryRun) return geoReportOf('stations', (await planStationImport(deps.db, features)).rows, true, false);
        const { result } = await deps.bus.run(async (q) => {
          const { rows, changes } = await planStationImport(q, features);
          if (rows.some((r) => r.action === 'reject') || changes.length === 0) return { result: geoReportOf('stations', rows, false, false), events: [] };
          const events = await applyStationChanges(q, changes, actor);
          return { result: geoReportOf('stations', rows, false, true), events };
        });
        return result;
      },
    );

    app.get(
      '/api/admin/export/geography',
      {
        schema: {
          tags: ['admin'],
          summary: 'Every grid, station, key area and fixed post in service as one GeoJSON FeatureCollection (re-importable)',
          response: { 200: GeographyExportSchema },
        },
        onRequest: requireRole('admin'),
      },
      async (_request, reply) => {
        reply.header('content-disposition', 'attachment; filename="geography.geojson"');
        return exportGeography(deps.db);
      },
    );
  };
