import { randomUUID } from 'node:crypto';
import type { EmergencyPlan, EmergencyPlanContent, ImportProblem, UpdateEmergencyPlan } from '@lianfang/shared';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { recordAudit } from '../audit/audit-log.js';
import { conflict, notFound, unprocessable } from '../domain-errors.js';
import { getPlan, savePlanVersion } from './plan-repository.js';

/** More units than a street could ever muster is a typing slip (500 for 50), not a plan. */
const MAX_UNITS_PER_PLAN = 200;

/** Every rule a plan's content breaks (the JSON schema's aside), named by field: the console's save refuses the first, an import reports all. */
export function planContentProblems(content: EmergencyPlanContent): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const total = Object.values(content.unitMix).reduce((sum, n) => sum + (n ?? 0), 0);
  if (total > MAX_UNITS_PER_PLAN)
    problems.push({ field: 'unitMix', code: 'too_many_units', message: `calls for ${total} units; at most ${MAX_UNITS_PER_PLAN}`, params: { value: total } });
  const titles = new Set<string>();
  for (const [i, task] of content.tasks.entries()) {
    const title = task.title.trim();
    if (titles.has(title))
      problems.push({ field: `tasks.${i}.title`, code: 'task_twice', message: `"${title}" is on the checklist twice`, params: { value: title } });
    titles.add(title);
  }
  return problems;
}

function checkContent(content: EmergencyPlanContent): void {
  const [problem] = planContentProblems(content);
  if (problem) throw unprocessable(problem.field, problem.message);
}

/**
 * The district's plans as administrators keep them: create, save (a new version), retire, reinstate. Each
 * change is one transaction with its audit row and an `emergency_plan.updated` event, so every
 * open wall's plan list follows. A save names the version it was made on; when someone saved in
 * between, it is refused (409 `version`) instead of overwriting their change.
 */
export class PlanAdminService {
  constructor(private readonly bus: CommandBus) {}

  async create(content: EmergencyPlanContent, actor: string): Promise<EmergencyPlan> {
    checkContent(content);
    return this.write(actor, 'plan.create', async () => ({ id: randomUUID(), version: 1, content, retired: false }));
  }

  async update(id: string, change: UpdateEmergencyPlan, actor: string): Promise<EmergencyPlan> {
    const { version, ...content } = change;
    checkContent(content);
    return this.write(actor, 'plan.update', async (current) => {
      const plan = await current(id, version);
      return { id, version: plan.version + 1, content, retired: plan.retired };
    });
  }

  /** Retire (it can no longer be started; incidents that used it keep their checklist) or bring back. */
  async setRetired(id: string, version: number, retired: boolean, actor: string): Promise<EmergencyPlan> {
    return this.write(actor, retired ? 'plan.retire' : 'plan.reinstate', async (current) => {
      const { name, category, unitMix, tasks, version: latest } = await current(id, version);
      return { id, version: latest + 1, content: { name, category, unitMix, tasks }, retired };
    });
  }

  private async write(
    actor: string,
    action: string,
    next: (
      current: (id: string, version: number) => Promise<EmergencyPlan>,
    ) => Promise<{ id: string; version: number; content: EmergencyPlanContent; retired: boolean }>,
  ): Promise<EmergencyPlan> {
    const { result } = await this.bus.run(async (q) => {
      const current = async (id: string, version: number) => {
        const plan = await getPlan(q, id, true);
        if (!plan) throw notFound('plan');
        if (plan.version !== version)
          throw conflict('version', `the plan was saved by ${plan.updatedBy ?? 'someone'} as version ${plan.version} after your version ${version}; reload it`);
        return plan;
      };
      const { id, version, content, retired } = await next(current);
      const saved = await savePlanVersion(q, id, version, content, retired, actor);
      await recordAudit(q, actor, action, id, { name: content.name['zh-CN'], version });
      return { result: saved, events: [{ type: 'emergency_plan.updated' as const, emergencyPlan: saved }] };
    });
    return result;
  }
}
