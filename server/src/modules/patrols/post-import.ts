import { randomUUID } from 'node:crypto';
import { DEFAULT_POST_RADIUS_M, PostFeatureSchema, type ImportRow, type PatrolPlan, type PostFeature } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { importRowChecker } from '../import-row-check.js';
import { byCodeForImport, importRowsByCode, type FeatureOutcome } from '../geography/code-matching.js';
import { changedPlanFields, planProblems, unitsByCallsign, type PlanFieldNames } from './patrol-plan-checks.js';
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
  const units = await unitsByCallsign(q);
  const changes: PostChange[] = [];
  const visit = ({ geometry, properties: p }: PostFeature): FeatureOutcome => {
    const known = byCode.get(p.code);
    if (known && known.kind !== 'post')
      return {
        problems: [
          { field: 'properties.code', code: 'code_taken', message: `${p.code} is the code of a guard tour`, params: { value: p.code, name: known.name } },
        ],
      };
    const unit = units.get(p.unitCallsign);
    const [lon, lat] = geometry.coordinates;
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
    // The unit is named by its callsign in the file: the problem quotes that, not an id.
    const problems = planProblems(plan, unit, all, FEATURE_FIELDS).map((pr) =>
      pr.field === FEATURE_FIELDS.unit ? { ...pr, params: { value: p.unitCallsign } } : pr,
    );
    if (problems.length > 0) return { problems };
    const fields = known ? changedPlanFields(known, plan) : [];
    if (known?.retiredAt) fields.push('retiredAt');
    if (known && fields.length === 0) return { action: 'unchanged' };
    const action = known ? 'update' : 'create';
    changes.push({ action, plan, fields });
    return { action };
  };
  return { rows: importRowsByCode(features, checkFeature, visit), changes };
}
