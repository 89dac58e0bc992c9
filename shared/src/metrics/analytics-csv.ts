/**
 * Tables as CSV for spreadsheets: RFC 4180 (CRLF line ends, fields with a comma,
 * quote or line break quoted, quotes doubled), a header row, and a UTF-8 byte
 * order mark, without which Excel reads UTF-8 as the local code page and turns
 * Chinese names into mojibake.
 */
export const UTF8_BOM = '\uFEFF';

// A cell starting with one of these is run as a formula by Excel (CSV injection);
// names typed by users (grids, callsigns) could start with one. Numbers are written as numbers and never touched.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: null/undefined empty, numbers and booleans as written, objects as JSON, strings quoted when needed. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return csvCell(JSON.stringify(value));
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows in the order given, one column per name in `columns` (missing values are empty cells). */
export function toCsv<T extends object>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
