import type { ImportProblem, ImportRow } from '@lianfang/shared';
import { codeOf, withRow } from './import-report-of.js';
import type { GeoProblem } from './grid-rules.js';

/**
 * Records by code, as an import matches them: the one in service when there is one, else the
 * last retired (codes are unique only among records in service, so retired ones may share a code).
 */
export function byCodeForImport<T extends { id: string; code?: string | undefined; retiredAt?: string | null | undefined }>(
  records: readonly T[],
): Map<string, T> {
  const byCode = new Map<string, T>();
  for (const r of records) {
    const code = r.code ?? r.id;
    const held = byCode.get(code);
    if (!held || (held.retiredAt && (!r.retiredAt || r.retiredAt > held.retiredAt))) byCode.set(code, r);
  }
  return byCode;
}

type Coded = { id: string; name: string; code?: string | undefined; retiredAt?: string | null | undefined };

/** `code_taken` when another record in service has the record's code (a retired record takes no code). */
export function codeTakenProblem(record: Coded, others: Iterable<Coded>, field: string): GeoProblem | null {
  if (record.retiredAt) return null;
  for (const other of others)
    if (other.id !== record.id && !other.retiredAt && other.code === record.code)
      return {
        field,
        code: 'code_taken',
        message: `${record.code} is already the code of ${other.name}`,
        params: { value: record.code ?? '', name: other.name },
      };
  return null;
}

/** What became of one valid feature: refused with its problems, or its action. */
export type FeatureOutcome = { problems: ImportProblem[] } | { action: 'create' | 'update' | 'unchanged' };

/**
 * The rows of a GeoJSON import keyed by `properties.code`, in file order: each feature checked
 * against its schema (`check`), a code twice in the file refused, the rest judged by `visit`.
 */
export function importRowsByCode<F extends { properties: { code: string } }>(
  features: readonly unknown[],
  check: (raw: unknown) => { row: F | null; problems: ImportProblem[] },
  visit: (f: F) => FeatureOutcome,
): ImportRow[] {
  const rows: ImportRow[] = [];
  const seen = new Set<string>();
  const reject = (row: number, key: string | null, problems: ImportProblem[]) =>
    rows.push({ row, key, action: 'reject', problems: problems.map((p) => withRow(p, row)) });
  features.forEach((raw, i) => {
    const row = i + 1;
    const checked = check(raw);
    if (!checked.row) return reject(row, codeOf(raw), checked.problems);
    const code = checked.row.properties.code;
    if (seen.has(code))
      return reject(row, code, [{ field: 'properties.code', message: 'appears twice in this file', code: 'twice_in_file', params: { value: code } }]);
    seen.add(code);
    const outcome = visit(checked.row);
    if ('problems' in outcome) return reject(row, code, outcome.problems);
    rows.push({ row, key: code, action: outcome.action, problems: [] });
  });
  return rows;
}
