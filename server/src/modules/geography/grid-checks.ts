import type { Grid } from '@lianfang/shared';
import { closedRing, levelProblem, outsideProblem, ringProblems, type GeoProblem } from './grid-rules.js';

/** How the caller names each field in its problems: the API's body (`parentId`) or a GeoJSON feature (`properties.parentCode`). */
export interface GridFieldNames {
  code: string;
  level: string;
  parent: string;
  ring: string;
}
export const API_FIELDS: GridFieldNames = { code: 'code', level: 'level', parent: 'parentId', ring: 'ring' };

/**
 * Every rule for one grid as it would be written, against all grids as they are (`world`, by id,
 * retired ones too, as of this transaction): a valid ring, a code no other grid has, a parent in
 * service of the level above, inside that parent, and its own children still fitting it.
 */
export function gridProblems(
  world: ReadonlyMap<string, Grid>,
  grid: Grid,
  names: GridFieldNames = API_FIELDS,
  /** children judged on their own later (an import that moves a street and its communities together) */
  childrenCheckedLater: ReadonlySet<string> = new Set(),
): GeoProblem[] {
  const problems = ringProblems(grid.ring, names.ring);
  const ringOk = problems.length === 0;
  for (const other of world.values())
    if (other.id !== grid.id && other.code === grid.code) {
      problems.push({
        field: names.code,
        code: 'code_taken',
        message: `${grid.code} is already the code of ${other.name}`,
        params: { value: grid.code ?? '', name: other.name },
      });
      break;
    }
  const parent = grid.parentId === null ? null : world.get(grid.parentId);
  if (parent === undefined || parent?.retiredAt) {
    problems.push({ field: names.parent, code: 'unknown_parent', message: 'no such parent in service', params: { value: grid.parentId ?? '' } });
  } else {
    const wrongLevel = levelProblem(grid.level, parent?.level ?? null, names.parent);
    if (wrongLevel) problems.push(wrongLevel);
    else if (parent && ringOk && ringProblems(parent.ring, 'ring').length === 0) {
      const outside = outsideProblem(grid.ring, parent.ring, names.ring, parent.name);
      if (outside) problems.push(outside);
    }
  }
  // The grid's own children must still fit it: a street redrawn smaller must not leave communities outside.
  for (const child of world.values()) {
    if (child.parentId !== grid.id || child.retiredAt || childrenCheckedLater.has(child.id)) continue;
    if (levelProblem(child.level, grid.level, 'level')) {
      problems.push({
        field: names.level,
        code: 'level_has_children',
        message: `${child.name} is under it: the level cannot change`,
        params: { name: child.name },
      });
      break;
    }
    if (ringOk && outsideProblem(child.ring, grid.ring, names.ring, grid.name)) {
      problems.push({ field: names.ring, code: 'children_outside', message: `${child.name} would lie outside it`, params: { name: child.name } });
      break;
    }
  }
  return problems;
}

const COMPARED = ['code', 'name', 'level', 'parentId', 'ring', 'leader', 'contacts'] as const;
const comparable = (g: Grid, k: (typeof COMPARED)[number]) => JSON.stringify(k === 'ring' ? closedRing(g.ring) : g[k]);
/** The fields whose value differs (the audit row's `fields`; none: nothing to write). A ring open or closed is the same ring. */
export const changedGridFields = (a: Grid, b: Grid): string[] => COMPARED.filter((k) => comparable(a, k) !== comparable(b, k));
