import { randomUUID } from 'node:crypto';
import { TourFileRowSchema, type ImportRow, type PatrolPlan, type TourFileRow } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { recordAudit } from '../audit/audit-log.js';
import { byCodeForImport } from '../geography/code-matching.js';
import { importRowChecker } from '../import-row-check.js';
import type { ImportStage } from '../import-stages.js';
import { jsonRowsByKey, type RowOutcome } from '../json-rows-by-key.js';
import { changedPlanFields, planProblems, unitsByCallsign, type PlanFieldNames } from './patrol-plan-checks.js';
import { insertPatrolPlan, listPatrolPlans, savePatrolPlan } from './patrol-plan-repository.js';

const FIELDS: PlanFieldNames = { code: 'code', unit: 'unitCallsign', post: 'checkpoints', checkpoints: 'checkpoints' };
const checkRow = importRowChecker<TourFileRow>(TourFileRowSchema, 'code');

type TourChange = { action: 'create' | 'update'; plan: PatrolPlan; fields: string[] };

/**
 * Each guard tour of tours.json by code: created, updated where it differs (a retired one comes
 * back) or unchanged. An unknown or retired callsign, a code that is a fixed post's, or a code
 * twice in the file is refused, as the fixed posts' import refuses them.
 */
export async function planTourImport(q: Queryable, items: readonly unknown[]): Promise<{ rows: ImportRow[]; changes: TourChange[] }> {
  const all = await listPatrolPlans(q, true);
  const byCode = byCodeForImport(all);
  const units = await unitsByCallsign(q);
  const changes: TourChange[] = [];
  const visit = (t: TourFileRow): RowOutcome => {
    const known = byCode.get(t.code);
    if (known && known.kind !== 'tour')
      return {
        problems: [{ field: 'code', code: 'code_taken', message: `${t.code} is the code of a fixed post`, params: { value: t.code, name: known.name } }],
      };
    const unit = units.get(t.unitCallsign);
    const plan: PatrolPlan = {
      deviatingSince: null,
      shiftKey: null,
      ...(known ?? {}),
      id: known?.id ?? randomUUID(),
      code: t.code,
      kind: 'tour',
      unitId: unit?.id ?? '',
      name: t.name,
      from: t.fromHhmm,
      to: t.toHhmm,
      post: null,
      // fresh check-ins, as the console's own change of a tour's checkpoints
      checkpoints: t.checkpoints.map(({ name, lat, lon, radiusM }) => ({ name, lat, lon, radiusM, checkedInAt: null })),
      retiredAt: null,
    };
    // the unit is named by its callsign in the file: the problem quotes that, not an id
    const problems = planProblems(plan, unit, all, FIELDS).map((p) => (p.field === FIELDS.unit ? { ...p, params: { value: t.unitCallsign } } : p));
    if (problems.length > 0) return { problems };
    const fields = known ? changedPlanFields(known, plan) : [];
    if (known?.retiredAt) fields.push('retiredAt');
    // an unchanged tour keeps this shift's check-ins (nothing is written); a changed one starts afresh
    if (known && fields.length === 0) return { action: 'unchanged' };
    const action = known ? 'update' : 'create';
    changes.push({ action, plan, fields });
    return { action };
  };
  return { rows: jsonRowsByKey(items, checkRow, 'code', (t) => t.code, visit), changes };
}

/** Guard tours as one stage of the jurisdiction import: audited as the console's changes, published as `patrol_plan.updated`. */
export const tourImportStage =
  (items: readonly unknown[]): ImportStage =>
  async (q, { actor }) => {
    const { rows, changes } = await planTourImport(q, items);
    const written: PatrolPlan[] = [];
    for (const c of changes) {
      const plan = c.action === 'create' ? await insertPatrolPlan(q, c.plan) : await savePatrolPlan(q, c.plan);
      written.push(plan);
      await recordAudit(q, actor, `patrol_plan.${c.action}`, plan.id, {
        code: plan.code,
        import: true,
        ...(c.action === 'update' ? { fields: c.fields } : { kind: 'tour', unitId: plan.unitId }),
      });
    }
    return { kind: 'tours', rows, events: written.map((patrolPlan) => ({ type: 'patrol_plan.updated' as const, patrolPlan })), secrets: [] };
  };
