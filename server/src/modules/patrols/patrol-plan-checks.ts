import type { PatrolPlan } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { codeTakenProblem } from '../geography/code-matching.js';
import type { GeoProblem } from '../geography/grid-rules.js';

/** How the caller names the fields in its problems: the API's body or a GeoJSON feature. */
export interface PlanFieldNames {
  code: string;
  unit: string;
  post: string;
  checkpoints: string;
}
export const PLAN_API_FIELDS: PlanFieldNames = { code: 'code', unit: 'unitId', post: 'post', checkpoints: 'checkpoints' };

/**
 * Every rule for a plan as it would be written: its unit in service, a post with its point, a
 * tour with at least one checkpoint, a code no other plan in service has (`others`: those that
 * might share it). Hours are the schema's (HH:MM).
 */
export function planProblems(
  plan: PatrolPlan,
  unit: { retired: boolean } | undefined,
  others: Iterable<PatrolPlan>,
  names: PlanFieldNames = PLAN_API_FIELDS,
): GeoProblem[] {
  const problems: GeoProblem[] = [];
  if (!unit) problems.push({ field: names.unit, code: 'unknown_callsign', message: 'no such unit', params: { value: plan.unitId } });
  else if (unit.retired) problems.push({ field: names.unit, code: 'unit_retired', message: 'the unit is retired', params: { value: plan.unitId } });
  if (plan.kind === 'post' && !plan.post) problems.push({ field: names.post, code: 'required', message: 'a fixed post needs post {lat, lon, radiusM}' });
  if (plan.kind === 'tour' && plan.checkpoints.length === 0)
    problems.push({ field: names.checkpoints, code: 'required', message: 'a guard tour needs at least one checkpoint' });
  const taken = codeTakenProblem(plan, others, names.code);
  return taken ? [...problems, taken] : problems;
}

/** The unit's state, or undefined when there is no unit with this id. */
export async function unitState(q: Queryable, unitId: string): Promise<{ retired: boolean } | undefined> {
  const [row] = await q.query<{ retired: boolean }>('SELECT retired_at IS NOT NULL AS retired FROM units WHERE id = $1', [unitId]);
  return row;
}

const COMPARED = ['code', 'unitId', 'name', 'from', 'to', 'post', 'checkpoints'] as const;
/** Checkpoints compared without their check-in times (the watcher's, not the console's). */
const comparable = (p: PatrolPlan, k: (typeof COMPARED)[number]) =>
  JSON.stringify(k === 'checkpoints' ? p.checkpoints.map(({ name, lat, lon, radiusM }) => ({ name, lat, lon, radiusM })) : p[k]);
/** The fields whose value differs (the audit row's `fields`; none: nothing to write). */
export const changedPlanFields = (a: PatrolPlan, b: PatrolPlan): string[] => COMPARED.filter((k) => comparable(a, k) !== comparable(b, k));

/** Every unit by callsign, retired ones included and marked: an import names a plan's unit by callsign. */
export async function unitsByCallsign(q: Queryable): Promise<Map<string, { id: string; callsign: string; retired: boolean }>> {
  const rows = await q.query<{ id: string; callsign: string; retired: boolean }>('SELECT id, callsign, retired_at IS NOT NULL AS retired FROM units');
  return new Map(rows.map((u) => [u.callsign, u]));
}
