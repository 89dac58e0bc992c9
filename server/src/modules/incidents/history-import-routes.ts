import { HistoryImportBodySchema, HistoryImportQuerySchema, ImportReportSchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { requireRole } from '../users-auth/require-role.js';
import { importIncidentHistory } from './history-import.js';
import type { DescribeLocation } from '../places/describe-location.js';

export interface HistoryImportRouteDeps {
  db: Database;
  config: Pick<Config, 'ACK_TIMEOUT_SECONDS'>;
  /** the location text of each imported case (the places module) */
  describe?: DescribeLocation;
}

/** A year of cases is a few MB of JSON; the app's default body limit (256 KB) is for commands. */
const HISTORY_BODY_LIMIT = 32 * 1024 * 1024;

/**
 * `POST /api/admin/import/incidents`: concluded cases from the district's previous system,
 * through the live rules, all or nothing, idempotent by externalId (history-import.ts).
 * Always 200 with the row-by-row report: a refused row is the file's problem, named in the
 * report, and nothing is written (`applied: false`).
 */
export const historyImportRoutes =
  (deps: HistoryImportRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/admin/import/incidents',
      {
        bodyLimit: HISTORY_BODY_LIMIT,
        schema: {
          tags: ['admin'],
          summary: 'Import concluded incidents with their timelines (dry run with dryRun=true); all or nothing',
          querystring: HistoryImportQuerySchema,
          body: HistoryImportBodySchema,
          response: { 200: ImportReportSchema },
        },
        onRequest: requireRole('admin'),
      },
      async (request) =>
        importIncidentHistory(deps.db, request.body.incidents, {
          dryRun: request.query.dryRun === true,
          actor: `user:${request.session!.username}`,
          ackLimitSeconds: deps.config.ACK_TIMEOUT_SECONDS,
          ...(deps.describe ? { describe: deps.describe } : {}),
        }),
    );
  };
