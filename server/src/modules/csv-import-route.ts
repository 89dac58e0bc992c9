import { ImportReportSchema, type ImportReport } from '@lianfang/shared';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CommandBus } from '../pipeline/command-bus.js';
import type { RowInFile } from './import-row-check.js';
import { runImportStages, stageReport, type ImportStage } from './import-stages.js';
import { acceptSpreadsheets, headerRefused, importBodySchema, readSpreadsheet, recordsFromSheet } from './spreadsheet-files.js';
import { requireRole } from './users-auth/require-role.js';

/** A flat CSV's columns as shared/ names them (the server reads them, the console offers them as a template). */
export interface CsvColumns<C extends string> {
  columns: readonly C[];
  chinese: Readonly<Record<C, string>>;
  required: readonly C[];
}

/** A few MB: tens of thousands of rows. */
const SHEET_BODY_LIMIT = 8 * 1024 * 1024;

/**
 * The rows of an import body: JSON (`{ <jsonKey>: [...] }`, row n is item n) or a spreadsheet's
 * bytes (the encoding decided from them; row n is the spreadsheet's own row). A header that cannot
 * be read refuses the whole file.
 */
export function rowsOfImportBody<C extends string>(body: unknown, jsonKey: string, sheet: CsvColumns<C>, kind: string, dryRun: boolean) {
  if (!Buffer.isBuffer(body)) {
    const items = ((body as Record<string, unknown[]>)[jsonKey] ?? []).map((raw, i): RowInFile => ({ raw, row: i + 1 }));
    return { items, encoding: undefined, refused: null };
  }
  const table = readSpreadsheet(body);
  const { headerProblems, records } = recordsFromSheet(table, sheet.columns, sheet.chinese, sheet.required);
  const refused: ImportReport | null = headerProblems.length > 0 ? headerRefused(kind, dryRun, table.encoding, headerProblems) : null;
  return { items: records as RowInFile[], encoding: table.encoding, refused };
}

/**
 * `POST /api/admin/import/<kind>`: one kind of record from a CSV (UTF-8 with or without BOM,
 * UTF-16, GB18030/GBK) or JSON, all or nothing in one transaction, answered with the row-by-row
 * report (and, when applied, the secrets it made, shown this once).
 */
export function csvImportRoute<C extends string>(spec: {
  bus: CommandBus;
  kind: string;
  summary: string;
  jsonBody: TSchema;
  jsonKey: string;
  sheet: CsvColumns<C>;
  stage: (items: readonly RowInFile[]) => ImportStage;
}): FastifyPluginAsyncTypebox {
  return async (app) => {
    acceptSpreadsheets(app, SHEET_BODY_LIMIT);
    app.post(
      `/api/admin/import/${spec.kind}`,
      {
        bodyLimit: SHEET_BODY_LIMIT,
        schema: {
          tags: ['admin'],
          summary: spec.summary,
          querystring: Type.Object(
            { dryRun: Type.Optional(Type.Boolean({ description: 'report what would happen, write nothing' })) },
            { additionalProperties: false },
          ),
          body: importBodySchema(spec.jsonBody),
          response: { 200: ImportReportSchema },
        },
        onRequest: requireRole('admin'),
      },
      async (request): Promise<ImportReport> => {
        const dryRun = request.query.dryRun === true;
        const { items, encoding, refused } = rowsOfImportBody(request.body, spec.jsonKey, spec.sheet, spec.kind, dryRun);
        if (refused) return refused;
        const { outcomes, applied } = await runImportStages(spec.bus, [spec.stage(items)], { actor: `user:${request.session!.username}`, dryRun });
        return { ...stageReport(outcomes[0]!, dryRun, applied), ...(encoding ? { encoding } : {}) };
      },
    );
  };
}
