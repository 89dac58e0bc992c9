import type { ImportProblem, ImportReport, ImportRow } from '@lianfang/shared';

/** The report of a geography import: counts by action, rows in file order. */
export function geoReportOf(kind: 'grids' | 'stations' | 'keyareas' | 'posts', rows: ImportRow[], dryRun: boolean, applied: boolean): ImportReport {
  const counts = { create: 0, update: 0, unchanged: 0, reject: 0 };
  for (const r of rows) counts[r.action]++;
  return { kind, dryRun, applied, counts, rows: [...rows].sort((a, b) => a.row - b.row) };
}

export const withRow = (p: ImportProblem, row: number): ImportProblem => ({ ...p, params: { ...p.params, row } });

/** The feature's `properties.code` when it has one as text: a refused row still says which it is. */
export function codeOf(raw: unknown): string | null {
  const props = raw && typeof raw === 'object' ? (raw as { properties?: unknown }).properties : undefined;
  const code = props && typeof props === 'object' ? (props as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : null;
}
