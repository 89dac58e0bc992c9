import type { ImportProblem, ImportRow } from '@lianfang/shared';
import { rejectedRow } from './import-row-check.js';

/** What became of one valid row: refused with its problems, or its action. */
export type RowOutcome = { problems: ImportProblem[] } | { action: 'create' | 'update' | 'unchanged' };

/**
 * The rows of a JSON-array import keyed by one field (a tour's code, a plan's id), in file order
 * (row 1 is the first item): each checked against its schema, a key twice in the file refused,
 * the rest judged by `visit`. The JSON cousin of the GeoJSON imports' importRowsByCode.
 */
export function jsonRowsByKey<T>(
  items: readonly unknown[],
  check: (raw: unknown) => { row: T | null; key: string | null; problems: ImportProblem[] },
  keyField: string,
  keyOf: (row: T) => string,
  visit: (row: T) => RowOutcome,
): ImportRow[] {
  const rows: ImportRow[] = [];
  const seen = new Set<string>();
  items.forEach((raw, i) => {
    const row = i + 1;
    const checked = check(raw);
    if (!checked.row) return rows.push(rejectedRow(row, checked.key, checked.problems));
    const key = keyOf(checked.row);
    if (seen.has(key))
      return rows.push(rejectedRow(row, key, [{ field: keyField, message: 'appears twice in this file', code: 'twice_in_file', params: { value: key } }]));
    seen.add(key);
    const outcome = visit(checked.row);
    rows.push('problems' in outcome ? rejectedRow(row, key, outcome.problems) : { row, key, action: outcome.action, problems: [] });
  });
  return rows;
}
