import {
  HISTORY_CASE_COLUMNS,
  HISTORY_CSV_NUMBER_COLUMNS,
  HISTORY_CSV_REQUIRED,
  HISTORY_CSV_TIME_COLUMNS,
  HISTORY_UNIT_COLUMNS,
  historyCsvColumnOf,
  instantOfLocalTime,
  type HistoryCsvColumn,
  type ImportProblem,
} from '@lianfang/shared';

/** One case read from the spreadsheet, before the schema and the live rules check it. */
export interface CsvHistoryCase {
  /** the case as the JSON import takes it (HistoryIncidentSchema), or what the rows gave of it */
  raw: Record<string, unknown>;
  /** the spreadsheet row of its first line: the import report's `row` */
  row: number;
  /** the spreadsheet row of each unit, in the order of `raw.units` */
  unitRows: number[];
  /** what the rows themselves got wrong (a time not read, cells that disagree) */
  problems: ImportProblem[];
}

export interface CsvHistoryFile {
  /** problems with the header itself: the whole file is refused */
  headerProblems: ImportProblem[];
  cases: CsvHistoryCase[];
}

/**
 * The history spreadsheet (one row per unit sent; incident-history-csv.ts) grouped into cases.
 * Times without an offset are wall-clock times in `timeZone`. Every cell a row gets wrong is
 * named with its row, so the report can say "row 14: onSceneAt is not a time".
 */
export function historyFromCsv(header: string[], rows: { row: number; cells: string[] }[], timeZone: string): CsvHistoryFile {
  const columns = header.map((h) => historyCsvColumnOf(h));
  const headerProblems: ImportProblem[] = [];
  header.forEach((h, i) => {
    if (!columns[i])
      headerProblems.push({ field: h || `(column ${i + 1})`, message: 'is not a column of the history file', code: 'unknown_column', params: { row: 1 } });
  });
  for (const required of HISTORY_CSV_REQUIRED)
    if (!columns.includes(required)) headerProblems.push({ field: required, message: 'column is missing', code: 'missing_column' });
  const twice = columns.filter((c, i) => c && columns.indexOf(c) !== i);
  for (const c of new Set(twice)) headerProblems.push({ field: c!, message: 'column appears twice', code: 'column_twice', params: { row: 1 } });
  if (headerProblems.length > 0) return { headerProblems, cases: [] };

  const byId = new Map<string, CsvHistoryCase>();
  const withoutId: CsvHistoryCase[] = [];
  for (const { row, cells } of rows) {
    const problems: ImportProblem[] = [];
    const values = new Map<HistoryCsvColumn, string | number>();
    columns.forEach((column, i) => {
      const cell = (cells[i] ?? '').trim();
      if (!column || cell === '') return;
      if (HISTORY_CSV_TIME_COLUMNS.has(column)) {
        const at = instantOfLocalTime(cell, timeZone);
        if (at) values.set(column, at);
        else
          problems.push({
            field: column,
            message: `row ${row}: "${cell}" is not a time (2024-03-04 10:05:00, 2024/3/4 10:05 or ISO 8601)`,
            code: 'not_a_time',
            params: { row, value: cell },
          });
      } else if (HISTORY_CSV_NUMBER_COLUMNS.has(column)) {
        const n = Number(cell);
        if (Number.isFinite(n)) values.set(column, n);
        else problems.push({ field: column, message: `row ${row}: "${cell}" is not a number`, code: 'not_a_number', params: { row, value: cell } });
      } else values.set(column, cell);
    });

    const externalId = values.get('externalId');
    if (typeof externalId !== 'string') {
      withoutId.push({
        raw: {},
        row,
        unitRows: [],
        problems: [{ field: 'externalId', message: `row ${row}: is required`, code: 'required', params: { row } }, ...problems],
      });
      continue;
    }
    let c = byId.get(externalId);
    if (!c) {
      c = { raw: {}, row, unitRows: [], problems: [] };
      for (const column of HISTORY_CASE_COLUMNS) if (values.has(column)) c.raw[column] = values.get(column);
      byId.set(externalId, c);
    } else {
      // the case's own cells repeat on each of its rows: a row that says otherwise is a mistake in the file
      for (const column of HISTORY_CASE_COLUMNS) {
        const v = values.get(column);
        if (v !== undefined && c.raw[column] !== undefined && c.raw[column] !== v)
          problems.push({
            field: column,
            message: `row ${row}: "${v}" differs from row ${c.row} ("${String(c.raw[column])}")`,
            code: 'differs',
            params: { row, value: v, firstRow: c.row, first: String(c.raw[column]) },
          });
        else if (v !== undefined && c.raw[column] === undefined) c.raw[column] = v;
      }
    }
    c.problems.push(...problems);

    const unit = Object.fromEntries(HISTORY_UNIT_COLUMNS.filter((k) => values.has(k)).map((k) => [k, values.get(k)]));
    if (Object.keys(unit).length > 0) {
      if (!('callsign' in unit))
        c.problems.push({ field: 'callsign', message: `row ${row}: is required when a unit's times are given`, code: 'callsign_needed', params: { row } });
      else {
        const units = (c.raw.units ??= []) as Record<string, unknown>[];
        units.push(unit);
        c.unitRows.push(row);
      }
    }
    const escalatedAt = values.get('escalatedAt');
    const escalatedTo = values.get('escalatedTo');
    if (escalatedAt !== undefined || escalatedTo !== undefined) {
      const escalations = (c.raw.escalations ??= []) as Record<string, unknown>[];
      const reason = values.get('escalationReason');
      // the same escalation written on each unit's row is one escalation
      if (!escalations.some((e) => e.at === escalatedAt && e.to === escalatedTo))
        escalations.push({ at: escalatedAt, to: escalatedTo, ...(reason !== undefined ? { reason } : {}) });
    }
  }
  return { headerProblems: [], cases: [...byId.values(), ...withoutId].sort((a, b) => a.row - b.row) };
}

/**
 * A problem the schema or the live rules found in a case, said the spreadsheet's way:
 * `units[1].onSceneAt` becomes `onSceneAt` on the row that unit was written on.
 */
export function problemOnSheet(problem: ImportProblem, c: Pick<CsvHistoryCase, 'row' | 'unitRows'>): ImportProblem {
  const m = /^units\[(\d+)\]\.?(.*)$/.exec(problem.field);
  const withRow = (field: string, row: number): ImportProblem => ({
    ...problem,
    field,
    message: problem.message.startsWith('row ') ? problem.message : `row ${row}: ${problem.message}`,
    params: { ...problem.params, row: problem.params?.row ?? row },
  });
  if (m) return withRow(m[2] || 'callsign', c.unitRows[Number(m[1])] ?? c.row);
  const e = /^escalations\[\d+\]\.?(.*)$/.exec(problem.field);
  const field = e
    ? (({ at: 'escalatedAt', to: 'escalatedTo', reason: 'escalationReason' } as Record<string, string>)[e[1] ?? ''] ?? 'escalatedAt')
    : problem.field;
  return withRow(field, c.row);
}
