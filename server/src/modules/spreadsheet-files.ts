// Spreadsheet files uploaded to an import (history today; units, users and devices next): the bytes decoded and read as a table.
import { CsvError, parse } from 'csv-parse/sync';
import type { ImportProblem, ImportReport } from '@lianfang/shared';
import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { badRequest } from './domain-errors.js';

/** What a spreadsheet file was read as: districts' files come from Excel and WPS in either. */
export type SpreadsheetEncoding = 'utf-8' | 'utf-8 with BOM' | 'utf-16' | 'gb18030';

export interface SpreadsheetTable {
  encoding: SpreadsheetEncoding;
  /** the header row's cells */
  header: string[];
  /** the data rows; `row` is the spreadsheet's own row number (the header is row 1) */
  rows: { row: number; cells: string[] }[];
}

/** The media types a spreadsheet upload arrives as (Excel on Windows says vnd.ms-excel for .csv). */
export const SPREADSHEET_TYPES = ['text/csv', 'text/tab-separated-values', 'application/vnd.ms-excel'];

/**
 * Accept CSV uploads as raw bytes in this plugin's scope: the encoding is decided from the
 * bytes (readSpreadsheet), not from a charset the browser guessed.
 */
export function acceptSpreadsheets(app: FastifyInstance, bodyLimit: number): void {
  app.addContentTypeParser(SPREADSHEET_TYPES, { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
}

/**
 * The bytes' text. A BOM decides; else UTF-8 if the bytes are valid UTF-8 (text in GB18030
 * with Chinese characters practically never is), else GB18030, the superset of GBK that
 * Chinese Excel and WPS save "CSV" in. Node's TextDecoder (full ICU) decodes all three.
 */
export function decodeSpreadsheetText(bytes: Uint8Array): { text: string; encoding: SpreadsheetEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8 with BOM' };
  // Excel's "Unicode text" is UTF-16 LE with a BOM
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/**
 * A CSV (or tab-separated) file as a table. Malformed quoting or a row with the wrong number
 * of cells is the file's fault: a 400 naming the row (csv-parse, a maintained RFC 4180 parser,
 * does the reading; quoted cells may hold commas and line breaks).
 */
export function readSpreadsheet(bytes: Uint8Array): SpreadsheetTable {
  const { text, encoding } = decodeSpreadsheetText(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  let records: { record: string[]; info: { records: number } }[];
  try {
    records = parse(text, { delimiter, info: true, skip_empty_lines: true, trim: true }) as unknown as { record: string[]; info: { records: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const at = (error as CsvError & { records?: number }).records;
      throw badRequest('file', `${at !== undefined ? `row ${at + 1}: ` : ''}${error.message}`);
    }
    throw error;
  }
  const [head, ...body] = records;
  if (!head) throw badRequest('file', 'is empty: a header row and at least one data row are needed');
  if (body.length === 0) throw badRequest('file', 'has a header row and no data rows');
  return { encoding, header: head.record, rows: body.map(({ record, info }) => ({ row: info.records, cells: record })) };
}

/** One row of a flat import (one record per row, like the roster): its cells by column, empty ones left out. */
export interface SheetRecord {
  row: number;
  raw: Record<string, string>;
}

/**
 * A flat spreadsheet (one record per row) read by its header: each header is a column's key
 * (any case) or its Chinese name. Problems with the header refuse the whole file; the cells
 * stay text, for the row's schema (with its own conversions) to check.
 */
export function recordsFromSheet<C extends string>(
  table: SpreadsheetTable,
  columns: readonly C[],
  chinese: Readonly<Record<C, string>>,
  required: readonly C[],
): { headerProblems: ImportProblem[]; records: SheetRecord[] } {
  const columnOf = (h: string): C | null => columns.find((c) => c.toLowerCase() === h.trim().toLowerCase() || chinese[c] === h.trim()) ?? null;
  const keys = table.header.map(columnOf);
  const headerProblems: ImportProblem[] = [];
  table.header.forEach((h, i) => {
    if (!keys[i]) headerProblems.push({ field: h || `(column ${i + 1})`, message: 'is not a column of this file', code: 'unknown_column', params: { row: 1 } });
  });
  for (const c of required) if (!keys.includes(c)) headerProblems.push({ field: c, message: 'column is missing', code: 'missing_column' });
  for (const c of new Set(keys.filter((k, i) => k && keys.indexOf(k) !== i)))
    headerProblems.push({ field: c!, message: 'column appears twice', code: 'column_twice', params: { row: 1 } });
  if (headerProblems.length > 0) return { headerProblems, records: [] };
  const records = table.rows.map(({ row, cells }) => ({
    row,
    raw: Object.fromEntries(keys.flatMap((k, i) => (k && (cells[i] ?? '').trim() !== '' ? [[k, unguarded((cells[i] ?? '').trim())]] : []))),
  }));
  return { headerProblems: [], records };
}

/**
 * Our own CSV exports (shared toCsv) write a cell that starts like a formula (`=`, `+`, `-`, `@`) with
 * a leading `'` so Excel shows it as text; reading it back drops that quote, so an exported file
 * re-imports to the same names (a device called `+前台按钮`).
 */
const unguarded = (cell: string): string => (/^'[=+\-@]/.test(cell) ? cell.slice(1) : cell);

/** An import route's body: JSON by its schema, or a spreadsheet's raw bytes (read by readSpreadsheet). */
export function importBodySchema(json: TSchema): { content: Record<string, { schema: TSchema | Record<string, never> }> } {
  return { content: { 'application/json': { schema: json }, ...Object.fromEntries(SPREADSHEET_TYPES.map((type) => [type, { schema: {} }])) } };
}

/** The report of a file refused for its header: nothing else can be read. */
export function headerRefused(kind: string, dryRun: boolean, encoding: SpreadsheetEncoding, problems: ImportProblem[]): ImportReport {
  return {
    kind,
    dryRun,
    applied: false,
    encoding,
    counts: { create: 0, update: 0, unchanged: 0, reject: 1 },
    rows: [{ row: 1, key: null, action: 'reject', problems }],
  };
}
