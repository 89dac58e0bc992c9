import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import {
  IdSchema,
  PatrolPlanAdminCreateSchema,
  PatrolPlanSchema,
  PatrolPlanUpdateSchema,
  VersionOnlySchema,
  type PatrolPlan,
  type PatrolPlanUpdate,
} from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Queryable } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { recordAudit, userActor } from '../audit/audit-log.js';
import { notFound } from '../domain-errors.js';
import { requireRole } from '../users-auth/require-role.js';
import { geoError, staleVersion } from '../geography/geo-errors.js';
import { changedPlanFields, planProblems, unitState } from './patrol-plan-checks.js';
import { getPatrolPlanForUpdate, insertPatrolPlan, patrolPlanWithCode, savePatrolPlan } from './patrol-plan-repository.js';

async function planAt(q: Queryable, id: string, version: number, retired: boolean): Promise<PatrolPlan> {
  const current = await getPatrolPlanForUpdate(q, id);
  if (!current || Boolean(current.retiredAt) !== retired) throw notFound(`patrol plan ${id}`);
  if (current.version !== version) throw staleVersion(current.version ?? 1, version);
  return current;
}

/** The first rule the plan breaks, as the API answers it (a taken code 409, the rest 422). */
async function check(q: Queryable, plan: PatrolPlan): Promise<void> {
  const other = await patrolPlanWithCode(q, plan.code ?? plan.id, plan.id);
  const [problem] = planProblems(plan, await unitState(q, plan.unitId), other ? [other] : []);
  if (problem) throw geoError(problem);
}

/** A post keeps only its point, a tour only its checkpoints (fresh: no check-in carried over). */
function shaped(plan: PatrolPlan): PatrolPlan {
  return plan.kind === 'post' ? { ...plan, checkpoints: [] } : { ...plan, post: null, checkpoints: plan.checkpoints.map((c) => ({ ...c, checkedInAt: null })) };
}

const patched = (current: PatrolPlan, { version: _version, checkpoints, ...fields }: PatrolPlanUpdate): PatrolPlan =>
  shaped({ ...current, ...fields, checkpoints: checkpoints ? checkpoints.map((c) => ({ ...c, checkedInAt: null })) : current.checkpoints });

/**
 * The console's fixed posts (固定岗) and guard tours (巡更) (issue 19): create, change (PATCH with
 * the version it was read at), retire and reinstate; checked, audited with the actor and published
 * as `patrol_plan.updated` (a retired plan leaves the picture, the duty watcher and the walls).
 */
export const patrolPlanAdminRoutes =
  (deps: { bus: CommandBus }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const params = Type.Object({ id: IdSchema });
    const updated = (patrolPlan: PatrolPlan) => [{ type: 'patrol_plan.updated' as const, patrolPlan }];

    app.post(
      '/api/admin/patrol-plans',
      {
        schema: {
          tags: ['admin'],
          summary: 'Create a fixed post (kind post, with `post`) or a guard tour (kind tour, ≥ 1 checkpoint)',
          body: PatrolPlanAdminCreateSchema,
          response: { 201: PatrolPlanSchema },
        },
        onRequest: requireRole('admin'),
      },
      async (request, reply) => {
        const b = request.body;
        const { result } = await deps.bus.run(async (q) => {
          const plan = shaped({
            ...b,
            id: randomUUID(),
            post: b.post ?? null,
            checkpoints: (b.checkpoints ?? []).map((c) => ({ ...c, checkedInAt: null })),
            deviatingSince: null,
            shiftKey: null,
            retiredAt: null,
          });
          await check(q, plan);
          const created = await insertPatrolPlan(q, plan);
          await recordAudit(q, userActor(request.session), 'patrol_plan.create', created.id, { code: b.code, kind: b.kind, unitId: b.unitId });
          return { result: created, events: updated(created) };
        });
        return reply.status(201).send(result);
      },
    );

    app.patch(
      '/api/admin/patrol-plans/:id',
      {
        schema: {
          tags: ['admin'],
          summary: 'Change a post or tour (only the fields sent); `version` as read, a stale one is 409',
          params,
          body: PatrolPlanUpdateSchema,
          response: { 200: PatrolPlanSchema },
        },
        onRequest: requireRole('admin'),
      },
      async (request) => {
        const { result } = await deps.bus.run(async (q) => {
          const current = await planAt(q, request.params.id, request.body.version, false);
          const next = patched(current, request.body);
          const fields = changedPlanFields(current, next);
          if (fields.length === 0) return { result: current, events: [] };
          await check(q, next);
          const saved = await savePatrolPlan(q, next);
          await recordAudit(q, userActor(request.session), 'patrol_plan.update', saved.id, { code: saved.code, fields });
          return { result: saved, events: updated(saved) };
        });
        return result;
      },
    );

    for (const action of ['retire', 'reinstate'] as const) {
      app.post(
        `/api/admin/patrol-plans/:id/${action}`,
        {
          schema: {
            tags: ['admin'],
            summary: action === 'retire' ? 'Retire a post or tour: it leaves the walls and the duty watch' : 'Bring a retired post or tour back',
            params,
            body: VersionOnlySchema,
            response: { 200: PatrolPlanSchema },
          },
          onRequest: requireRole('admin'),
        },
        async (request) => {
          const { result } = await deps.bus.run(async (q) => {
            const current = await planAt(q, request.params.id, request.body.version, action === 'reinstate');
            const next = { ...current, retiredAt: action === 'retire' ? new Date().toISOString() : null };
            if (action === 'reinstate') await check(q, next);
            const saved = await savePatrolPlan(q, next);
            await recordAudit(q, userActor(request.session), `patrol_plan.${action}`, saved.id, { code: saved.code, name: saved.name });
            return { result: saved, events: updated(saved) };
          });
          return result;
        },
      );
    }
  };
