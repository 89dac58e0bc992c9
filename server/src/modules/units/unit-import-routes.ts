import {
  ImportReportSchema,
  UNIT_CSV_CHINESE_HEADERS,
  UNIT_CSV_COLUMNS,
  UNIT_CSV_REQUIRED,
  UnitImportBodySchema,
  type ImportReport,
  type UnitImportBody,
} from '@lianfang/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { acceptSpreadsheets, headerRefused, importBodySchema, readSpreadsheet, recordsFromSheet } from '../spreadsheet-files.js';
import { requireRole } from '../users-auth/require-role.js';
import { importUnits, type UnitImportOptions } from './unit-import.js';

export interface UnitImportRouteDeps {
  db: Database;
  bus: CommandBus;
}

/** A prefecture's roster is tens of thousands of rows: a few MB. */
const ROSTER_BODY_LIMIT = 8 * 1024 * 1024;

/**
 * `POST /api/admin/import/units`: the roster from a spreadsheet (text/csv, one unit per row;
 * UTF-8, BOM, UTF-16 or GB18030) or JSON (`{ units: [...] }`), keyed by callsign, all or
 * nothing (unit-import.ts). 200 with the row-by-row report; an unreadable file is a 400.
 */
export const unitImportRoutes =
  (deps: UnitImportRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    acceptSpreadsheets(app, ROSTER_BODY_LIMIT);
    app.post(
      '/api/admin/import/units',
      {
        bodyLimit: ROSTER_BODY_LIMIT,
        schema: {
          tags: ['admin'],
          summary: 'Import the roster (create or update units by callsign) as CSV or JSON (dry run with dryRun=true); all or nothing',
          querystring: Type.Object(
            { dryRun: Type.Optional(Type.Boolean({ description: 'report what would happen, write nothing' })) },
            { additionalProperties: false },
          ),
          body: importBodySchema(UnitImportBodySchema),
          response: { 200: ImportReportSchema },
        },
        onRequest: requireRole('admin'),
      },
      async (request): Promise<ImportReport> => {
        const options: UnitImportOptions = { dryRun: request.query.dryRun === true, actor: `user:${request.session!.username}` };
        const body: unknown = request.body;
        if (!Buffer.isBuffer(body))
          return importUnits(
            deps.db,
            deps.bus,
            (body as UnitImportBody).units.map((raw, i) => ({ raw, row: i + 1 })),
            options,
          );
        const sheet = readSpreadsheet(body);
        const { headerProblems, records } = recordsFromSheet(sheet, UNIT_CSV_COLUMNS, UNIT_CSV_CHINESE_HEADERS, UNIT_CSV_REQUIRED);
        if (headerProblems.length > 0) return headerRefused('units', options.dryRun, sheet.encoding, headerProblems);
        return { ...(await importUnits(deps.db, deps.bus, records, options)), encoding: sheet.encoding };
      },
    );
  };
