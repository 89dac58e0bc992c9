import { CSV_FALSE_WORDS, CSV_TRUE_WORDS, type ImportProblem } from '@lianfang/shared';

/**
 * A spreadsheet's cells are text: the yes/no and number columns are read here, before the row's
 * schema checks types (JSON rows already carry booleans and numbers and pass through). A cell that
 * is neither is left as it was, with a problem naming the column.
 */
export function readCells(raw: unknown, columns: { yesNo?: readonly string[]; numbers?: readonly string[] }): { raw: unknown; problems: ImportProblem[] } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { raw, problems: [] };
  const out: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  const problems: ImportProblem[] = [];
  for (const c of columns.yesNo ?? []) {
    const v = out[c];
    if (typeof v !== 'string') continue;
    const word = v.trim().toLowerCase();
    if ((CSV_TRUE_WORDS as readonly string[]).includes(word)) out[c] = true;
    else if ((CSV_FALSE_WORDS as readonly string[]).includes(word)) out[c] = false;
    else problems.push({ field: c, message: 'must be true or false (是/否)', code: 'not_yes_no', params: { value: v } });
  }
  for (const c of columns.numbers ?? []) {
    const v = out[c];
    if (typeof v !== 'string') continue;
    const n = Number(v.trim());
    if (v.trim() !== '' && Number.isFinite(n)) out[c] = n;
    else problems.push({ field: c, message: 'is not a number', code: 'not_a_number', params: { value: v } });
  }
  return { raw: out, problems };
}
