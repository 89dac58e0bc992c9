import { HistoryImportBodySchema, HistoryImportQuerySchema, ImportReportSchema, type HistoryImportBody, type ImportReport } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { acceptSpreadsheets, headerRefused, importBodySchema, readSpreadsheet } from '../spreadsheet-files.js';
import { requireRole } from '../users-auth/require-role.js';
import type { DescribeLocation } from '../places/describe-location.js';
import { historyFromCsv, problemOnSheet } from './history-csv.js';
import { importHistoryCases, importIncidentHistory, type HistoryImportOptions } from './history-import.js';

export interface HistoryImportRouteDeps {
  db: Database;
  config: Pick<Config, 'ACK_TIMEOUT_SECONDS' | 'TIME_ZONE'>;
  /** the location text of each imported case (the places module) */
  describe?: DescribeLocation;
}

/** A year of cases is a few MB of JSON or CSV; the app's default body limit (256 KB) is for commands. */
const HISTORY_BODY_LIMIT = 32 * 1024 * 1024;

/**
 * `POST /api/admin/import/incidents`: concluded cases from the district's previous system,
 * through the live rules, all or nothing, idempotent by externalId (history-import.ts).
 * The body is JSON (`{ incidents: [...] }`) or a spreadsheet (text/csv: one row per unit sent,
 * history-csv.ts) in UTF-8, UTF-8 with BOM or GB18030. Always 200 with the row-by-row report:
 * a refused row is the file's problem, named in the report, and nothing is written
 * (`applied: false`); a file that cannot be read at all (no header, broken quoting) is a 400.
 */
export const historyImportRoutes =
  (deps: HistoryImportRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    acceptSpreadsheets(app, HISTORY_BODY_LIMIT);
    app.post(
      '/api/admin/import/incidents',
      {
        bodyLimit: HISTORY_BODY_LIMIT,
        schema: {
          tags: ['admin'],
          summary: 'Import concluded incidents with their timelines, as JSON or CSV (dry run with dryRun=true); all or nothing',
          querystring: HistoryImportQuerySchema,
          body: importBodySchema(HistoryImportBodySchema),
          response: { 200: ImportReportSchema },
        },
        onRequest: requireRole('admin'),
      },
      async (request): Promise<ImportReport> => {
        const options: HistoryImportOptions = {
          dryRun: request.query.dryRun === true,
          actor: `user:${request.session!.username}`,
          ackLimitSeconds: deps.config.ACK_TIMEOUT_SECONDS,
          ...(deps.describe ? { describe: deps.describe } : {}),
        };
        const body: unknown = request.body;
        if (!Buffer.isBuffer(body)) return importIncidentHistory(deps.db, (body as HistoryImportBody).incidents, options);

        const sheet = readSpreadsheet(body);
        const file = historyFromCsv(sheet.header, sheet.rows, deps.config.TIME_ZONE);
        if (file.headerProblems.length > 0) return headerRefused('incidents', options.dryRun, sheet.encoding, file.headerProblems);
        const cases = file.cases.map((c) => ({
          raw: c.raw,
          row: c.row,
          problems: c.problems,
          inFileTerms: (p: Parameters<typeof problemOnSheet>[0]) => problemOnSheet(p, c),
        }));
        return { ...(await importHistoryCases(deps.db, cases, options)), encoding: sheet.encoding };
      },
    );
  };
