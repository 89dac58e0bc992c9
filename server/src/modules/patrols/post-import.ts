import { randomUUID } from 'node:crypto';
import { DEFAULT_POST_RADIUS_M, PostFeatureSchema, type ImportProblem, type ImportRow, type PatrolPlan, type PostFeature } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { importRowChecker } from '../import-row-check.js';
import { byCodeForImport, twiceInFile } from '../geography/code-matching.js';
import { codeOf, withRow } from '../geography/import-report-of.js';
import { changedPlanFields, planProblems, type PlanFieldNames } from './patrol-plan-checks.js';
import { listPatrolPlans } from './patrol-plan-repository.js';

const FEATURE_FIELDS: PlanFieldNames = { code: 'properties.code', unit: 'properties.unitCallsign', post: 'geometry', checkpoints: 'geometry' };
const checkFeature = importRowChecker<PostFeature>(PostFeatureSchema, 'code');

export type PostChange = { action: 'create' | 'update'; plan: PatrolPlan; fields: string[] };

/**
 * Each Point feature by code (properties code, name, unitCallsign, fromHhmm, toHhmm, radiusM):
 * a fixed post created, updated where it differs (a retired one comes back) or unchanged. An
 * unknown or retired callsign, a code that is a guard tour's, or a code twice in the file is refused.
 */
export async function planPostImport(q: Queryable, features: readonly unknown[]): Promise<{ rows: ImportRow[]; changes: PostChange[] }> {
  const all = await listPatrolPlans(q, true);
  const byCode = byCodeForImport(all);
  const units = new Map(
    (await q.query<{ id: string; callsign: string; retired: boolean }>('SELECT id, callsign, retired_at IS NOT NULL AS retired FROM units')).map((u) => [
      u.callsign,
      u,
    ]),
  );
  const rows: ImportRow[] = [];
  const changes: PostChange[] = [];
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
    if (known && known.kind !== 'post')
      return reject(row, p.code, [
        { field: 'properties.code', code: 'code_taken', message: `${p.code} is the code of a guard tour`, params: { value: p.code, name: known.name } },
      ]);
    const unit = units.get(p.unitCallsign);
    const [lon, lat] = checked.row.geometry.coordinates;
    const plan: PatrolPlan = {
      deviatingSince: null,
      shiftKey: null,
      ...(known ?? {}),
      id: known?.id ?? randomUUID(),
      code: p.code,
      kind: 'post',
      unitId: unit?.id ?? '',
      name: p.name,
      from: p.fromHhmm,
      to: p.toHhmm,
      post: { lat, lon, radiusM: p.radiusM ?? DEFAULT_POST_RADIUS_M },
      checkpoints: [],
      retiredAt: null,
    };
    const problems = planProblems(plan, unit, all, FEATURE_FIELDS).map((pr) =>
      pr.field === FEATURE_FIELDS.unit ? { ...pr, params: { value: p.unitCallsign } } : pr,
    );
    if (problems.length > 0) return reject(row, p.code, problems);
    const fields = known ? changedPlanFields(known, plan) : [];
    if (known?.retiredAt) fields.push('retiredAt');
    if (known && fields.length === 0) return rows.push({ row, key: p.code, action: 'unchanged', problems: [] });
    const action = known ? 'update' : 'create';
    rows.push({ row, key: p.code, action, problems: [] });
    changes.push({ action, plan, fields });
  });
  return { rows, changes };
}
