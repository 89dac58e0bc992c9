import { JurisdictionImportReportSchema, type JurisdictionImportReport } from '@lianfang/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { badRequest } from '../domain-errors.js';
import type { SessionStore } from '../users-auth/session-store.js';
import { requireRole } from '../users-auth/require-role.js';
import { exportJurisdictionZip } from './jurisdiction-export.js';
import { importJurisdiction } from './jurisdiction-import.js';

/** A prefecture with detailed grid borders and tens of thousands of people, compressed. */
const ZIP_BODY_LIMIT = 64 * 1024 * 1024;
const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'];

export interface JurisdictionRouteDeps {
  db: Database;
  bus: CommandBus;
  sessions: SessionStore;
}

/**
 * `GET /api/admin/export/jurisdiction`: the whole jurisdiction as one zip (jurisdiction-export.ts);
 * `POST /api/admin/import/jurisdiction` (dryRun): that zip back, all of it in one transaction.
 */
export const jurisdictionRoutes =
  (deps: JurisdictionRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.addContentTypeParser(ZIP_TYPES, { parseAs: 'buffer', bodyLimit: ZIP_BODY_LIMIT }, (_request, body, done) => done(null, body));

    app.get(
      '/api/admin/export/jurisdiction',
      {
        schema: {
          tags: ['admin'],
          summary:
            'The whole jurisdiction as one zip: teams, grids, stations, standing crews, key areas, units, fixed posts, guard tours, users (no passwords), devices (no keys), emergency plans and a manifest',
          produces: ['application/zip'],
        },
        onRequest: requireRole('admin'),
      },
      async (_request, reply) => {
        const now = new Date();
        const zip = await exportJurisdictionZip(deps.db, now);
        const stamp = now.toISOString().slice(0, 10);
        return reply
          .header('content-type', 'application/zip')
          .header('content-disposition', `attachment; filename="jurisdiction-${stamp}.zip"`)
          .send(Buffer.from(zip));
      },
    );

    app.post(
      '/api/admin/import/jurisdiction',
      {
        bodyLimit: ZIP_BODY_LIMIT,
        schema: {
          tags: ['admin'],
          summary:
            'Import a jurisdiction zip (teams → grids → stations → standing crews → key areas → units → posts → tours → users → devices → plans) in one transaction (dry run with dryRun=true)',
          querystring: Type.Object(
            { dryRun: Type.Optional(Type.Boolean({ description: 'report what would happen, write nothing' })) },
            { additionalProperties: false },
          ),
          consumes: ZIP_TYPES,
          response: { 200: JurisdictionImportReportSchema },
        },
        onRequest: requireRole('admin'),
      },
      async (request): Promise<JurisdictionImportReport> => {
        if (!Buffer.isBuffer(request.body)) throw badRequest('file', 'send the zip as application/zip');
        return importJurisdiction(deps.bus, deps.sessions, request.body, { dryRun: request.query.dryRun === true, actor: `user:${request.session!.username}` });
      },
    );
  };
