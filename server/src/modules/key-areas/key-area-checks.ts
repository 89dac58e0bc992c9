import type { KeyArea } from '@lianfang/shared';
import { codeTakenProblem } from '../geography/code-matching.js';
import { closedRing, ringProblems, type GeoProblem } from '../geography/grid-rules.js';

/** How the caller names the fields in its problems: the API's body or a GeoJSON feature. */
export interface KeyAreaFieldNames {
  code: string;
  ring: string;
}
export const KEY_AREA_API_FIELDS: KeyAreaFieldNames = { code: 'code', ring: 'ring' };

/**
 * Every rule for a key area as it would be written, against all key areas as they are (`world`,
 * retired ones too): a valid polygon (the grids' turf checks) and a code no other area in service
 * has. Hours and interval are the schema's (HH:MM, 1–1440 minutes).
 */
export function keyAreaProblems(world: Iterable<KeyArea>, area: KeyArea, names: KeyAreaFieldNames = KEY_AREA_API_FIELDS): GeoProblem[] {
  const problems = ringProblems(area.ring, names.ring);
  const taken = codeTakenProblem(area, world, names.code);
  return taken ? [...problems, taken] : problems;
}

const COMPARED = ['code', 'name', 'ring', 'everyMinutes', 'from', 'to'] as const;
const comparable = (a: KeyArea, k: (typeof COMPARED)[number]) => JSON.stringify(k === 'ring' ? closedRing(a.ring) : a[k]);
/** The fields whose value differs (the audit row's `fields`; none: nothing to write). */
export const changedKeyAreaFields = (a: KeyArea, b: KeyArea): string[] => COMPARED.filter((k) => comparable(a, k) !== comparable(b, k));
