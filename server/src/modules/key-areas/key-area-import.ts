import { randomUUID } from 'node:crypto';
import { KeyAreaFeatureSchema, type ImportProblem, type ImportRow, type KeyArea, type KeyAreaFeature } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { importRowChecker } from '../import-row-check.js';
import { byCodeForImport, twiceInFile } from '../geography/code-matching.js';
import { closedRing } from '../geography/grid-rules.js';
import { codeOf, withRow } from '../geography/import-report-of.js';
import { changedKeyAreaFields, keyAreaProblems, type KeyAreaFieldNames } from './key-area-checks.js';
import { listKeyAreas } from './key-area-repository.js';

const FEATURE_FIELDS: KeyAreaFieldNames = { code: 'properties.code', ring: 'geometry.coordinates' };
const checkFeature = importRowChecker<KeyAreaFeature>(KeyAreaFeatureSchema, 'code');

export type KeyAreaChange = { action: 'create' | 'update'; keyArea: KeyArea; fields: string[] };

/**
 * Each Polygon feature by code (properties code, name, fromHhmm, toHhmm, visitEveryMinutes):
 * created, updated where it differs (a retired one comes back) or unchanged; a broken polygon or a
 * code twice in the file is refused. The visit state of a known area stays as it is.
 */
export async function planKeyAreaImport(q: Queryable, features: readonly unknown[]): Promise<{ rows: ImportRow[]; changes: KeyAreaChange[] }> {
  const all = await listKeyAreas(q, true);
  const byCode = byCodeForImport(all);
  const rows: ImportRow[] = [];
  const changes: KeyAreaChange[] = [];
  const seen = new Set<string>();
  const reject = (row: number, key: string | null, problems: ImportProblem[]) =>
    rows.push({ row, key, action: 'reject', problems: problems.map((p) => withRow(p, row)) });
  features.forEach((raw, i) => {
    const row = i + 1;
    const checked = checkFeature(raw);
    if (!checked.row) return reject(row, codeOf(raw), checked.problems);
    const p = checked.row.properties;
    if (seen.has(p.code)) return reject(row, p.code, [twiceInFile(p.code)]);
    seen.add(p.code);
    const known = byCode.get(p.code);
    const keyArea: KeyArea = {
      lastVisitAt: null,
      lastVisitUnitId: null,
      overdueSince: null,
      createdAt: new Date().toISOString(),
      ...(known ?? {}),
      id: known?.id ?? randomUUID(),
      code: p.code,
      name: p.name,
      ring: closedRing(checked.row.geometry.coordinates[0]!),
      everyMinutes: p.visitEveryMinutes,
      from: p.fromHhmm,
      to: p.toHhmm,
      retiredAt: null,
    };
    // The file's codes are distinct, so only the areas in service outside it can hold the code.
    const problems = keyAreaProblems(all, keyArea, FEATURE_FIELDS);
    if (problems.length > 0) return reject(row, p.code, problems);
    const fields = known ? changedKeyAreaFields(known, keyArea) : [];
    if (known?.retiredAt) fields.push('retiredAt');
    if (known && fields.length === 0) return rows.push({ row, key: p.code, action: 'unchanged', problems: [] });
    const action = known ? 'update' : 'create';
    rows.push({ row, key: p.code, action, problems: [] });
    changes.push({ action, keyArea, fields });
  });
  return { rows, changes };
}
