import { PlanFileRowSchema, type EmergencyPlan, type EmergencyPlanContent, type PlanFileRow } from '@lianfang/shared';
import { recordAudit } from '../audit/audit-log.js';
import { importRowChecker } from '../import-row-check.js';
import type { ImportStage } from '../import-stages.js';
import { jsonRowsByKey, type RowOutcome } from '../json-rows-by-key.js';
import { planContentProblems } from './plan-admin-service.js';
import { listPlans, savePlanVersion } from './plan-repository.js';

const checkRow = importRowChecker<PlanFileRow>(PlanFileRowSchema, 'id');
const contentOf = ({ name, category, unitMix, tasks }: EmergencyPlanContent): EmergencyPlanContent => ({ name, category, unitMix, tasks });
/** Content compared as JSON with sorted keys: the database's jsonb keeps no key order. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );

/**
 * Emergency plans of plans.json as one stage of the jurisdiction import, by id: a plan that is
 * not there is created (version 1), one whose content or retirement differs gets a new version
 * (its history kept), the rest are unchanged. Checked as the console checks a save, audited as
 * `plan.create` / `plan.update` and published as `emergency_plan.updated`.
 */
export const planImportStage =
  (items: readonly unknown[]): ImportStage =>
  async (q, { actor }) => {
    const byId = new Map((await listPlans(q, true)).map((p) => [p.id, p]));
    const changes: { row: PlanFileRow; version: number; action: 'create' | 'update' }[] = [];
    const visit = (row: PlanFileRow): RowOutcome => {
      const problems = planContentProblems(row);
      if (problems.length > 0) return { problems };
      const known = byId.get(row.id);
      if (known && known.retired === row.retired && canonical(contentOf(known)) === canonical(contentOf(row))) return { action: 'unchanged' };
      const action = known ? 'update' : 'create';
      changes.push({ row, version: (known?.version ?? 0) + 1, action });
      return { action };
    };
    const rows = jsonRowsByKey(items, checkRow, 'id', (r) => r.id, visit);
    const written: EmergencyPlan[] = [];
    for (const { row, version, action } of changes) {
      const content = contentOf(row);
      written.push(await savePlanVersion(q, row.id, version, content, row.retired, actor));
      await recordAudit(q, actor, `plan.${action}`, row.id, { name: content.name['zh-CN'], version, import: true });
    }
    return { kind: 'plans', rows, events: written.map((emergencyPlan) => ({ type: 'emergency_plan.updated' as const, emergencyPlan })), secrets: [] };
  };
