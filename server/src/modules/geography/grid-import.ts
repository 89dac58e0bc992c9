import { randomUUID } from 'node:crypto';
import { GridFeatureSchema, type Grid, type GridFeature, type GridLevel, type ImportProblem, type ImportRow } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { importRowChecker } from '../import-row-check.js';
import { listGrids } from './geo-repository.js';
import { changedGridFields, gridProblems, type GridFieldNames } from './grid-checks.js';
import { contactsWithPhone } from './grid-contacts.js';
import { closedRing } from './grid-rules.js';
import { codeOf, withRow } from './import-report-of.js';

/** Problems name the feature's fields as the file has them. */
const FEATURE_FIELDS: GridFieldNames = { code: 'properties.code', level: 'properties.level', parent: 'properties.parentCode', ring: 'geometry.coordinates' };
const LEVEL_ORDER: Record<GridLevel, number> = { street: 0, community: 1, grid: 2 };
const checkFeature = importRowChecker<GridFeature>(GridFeatureSchema, 'code');

export type GridChange = { action: 'create' | 'update'; grid: Grid; fields: string[] };

/**
 * Every feature checked against the grids as they are plus the file's own rows: parents first
 * (streets, then communities, then grids), so a parent may come in the same file. A known code
 * is updated (a retired one comes back), a new one created, an identical one left unchanged.
 */
export async function planGridImport(q: Queryable, features: readonly unknown[]): Promise<{ rows: ImportRow[]; changes: GridChange[] }> {
  const world = new Map((await listGrids(q, true)).map((g) => [g.id, g]));
  const idByCode = new Map([...world.values()].map((g) => [g.code ?? g.id, g.id]));
  const rows: ImportRow[] = [];
  const changes: GridChange[] = [];
  const reject = (row: number, key: string | null, problems: ImportProblem[]) =>
    rows.push({ row, key, action: 'reject', problems: problems.map((p) => withRow(p, row)) });

  const valid: { row: number; f: GridFeature }[] = [];
  const seen = new Set<string>();
  features.forEach((raw, i) => {
    const checked = checkFeature(raw);
    if (!checked.row) return reject(i + 1, codeOf(raw), checked.problems);
    const code = checked.row.properties.code;
    if (seen.has(code))
      return reject(i + 1, code, [{ field: 'properties.code', message: 'appears twice in this file', code: 'twice_in_file', params: { value: code } }]);
    seen.add(code);
    valid.push({ row: i + 1, f: checked.row });
  });
  // Children in the file are judged against their new parent when their turn comes.
  const inFile = new Set(valid.map(({ f }) => idByCode.get(f.properties.code)).filter((id): id is string => id !== undefined));

  valid.sort((a, b) => LEVEL_ORDER[a.f.properties.level] - LEVEL_ORDER[b.f.properties.level] || a.row - b.row);
  for (const { row, f } of valid) {
    const p = f.properties;
    const known = world.get(idByCode.get(p.code) ?? '');
    const parentId = p.parentCode ? (idByCode.get(p.parentCode) ?? null) : null;
    if (p.parentCode && !parentId) {
      reject(row, p.code, [
        { field: FEATURE_FIELDS.parent, message: `no grid with code ${p.parentCode}`, code: 'unknown_parent', params: { value: p.parentCode } },
      ]);
      continue;
    }
    // An absent leader or phone keeps what the grid has; null clears it.
    const leader = p.leader !== undefined ? p.leader : (known?.leader ?? null);
    const contacts = p.phone !== undefined ? contactsWithPhone(known?.contacts ?? [], leader, p.name, p.phone) : (known?.contacts ?? []);
    const grid: Grid = {
      ...(known ?? {}),
      id: known?.id ?? randomUUID(),
      code: p.code,
      name: p.name,
      level: p.level,
      parentId,
      ring: closedRing(f.geometry.coordinates[0]!),
      leader,
      contacts,
      retiredAt: null,
    };
    const problems = gridProblems(world, grid, FEATURE_FIELDS, inFile);
    if (problems.length > 0) {
      reject(row, p.code, problems);
      continue;
    }
    world.set(grid.id, grid);
    idByCode.set(p.code, grid.id);
    const fields = known ? changedGridFields(known, grid) : [];
    if (known?.retiredAt) fields.push('retiredAt');
    if (known && fields.length === 0) rows.push({ row, key: p.code, action: 'unchanged', problems: [] });
    else {
      const action = known ? 'update' : 'create';
      rows.push({ row, key: p.code, action, problems: [] });
      changes.push({ action, grid, fields });
    }
  }
  return { rows, changes };
}
