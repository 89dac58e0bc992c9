import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { CreatePatrolPlanSchema, PatrolPlanSchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { unprocessable } from '../domain-errors.js';
import { ALL_STAFF, requireRole } from '../users-auth/require-role.js';
import { recordAudit, userActor } from '../audit/audit-log.js';
import { captainScope, patrolPlansFor } from '../users-auth/captain-visibility.js';
import { insertPatrolPlan } from './patrol-plan-repository.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { LivePicture } from '../live-picture.js';

export interface PatrolPlanRouteDeps {
  bus: CommandBus;
  picture: LivePicture;
}

export const patrolPlanRoutes =
  (deps: PatrolPlanRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/patrol-plans',
      {
        schema: { tags: ['patrol plans'], summary: 'Fixed posts and guard tours with their live duty state', response: { 200: Type.Array(PatrolPlanSchema) } },
        preHandler: requireRole(...ALL_STAFF),
      },
      async (request) => {
        const s = request.session!;
        const plans = [...deps.picture.patrolPlans.values()];
        // A captain gets what their socket feed carries: the plans of their team and partners, not every team's.
        return s.role === 'captain' ? patrolPlansFor(plans, captainScope(deps.picture, s)) : plans;
      },
    );

    app.post(
      '/api/patrol-plans',
      {
        schema: {
          tags: ['patrol plans'],
          summary: 'A fixed post or a guard tour for a unit and shift window',
          body: CreatePatrolPlanSchema,
          response: { 201: PatrolPlanSchema },
        },
        preHandler: requireRole('admin', 'operator'),
      },
      async (request, reply) => {
        const body = request.body;
        if (!deps.picture.units.has(body.unitId)) throw unprocessable('unitId', 'no such unit');
        if (body.kind === 'post' && !body.post) throw unprocessable('post', 'a fixed post needs post {lat, lon, radiusM}');
        if (body.kind === 'tour' && !body.checkpoints?.length) throw unprocessable('checkpoints', 'a guard tour needs at least one checkpoint');
        const { result } = await deps.bus.run(async (q) => {
          const plan = await insertPatrolPlan(q, {
            id: randomUUID(),
            unitId: body.unitId,
            name: body.name,
            kind: body.kind,
            from: body.from,
            to: body.to,
            post: body.kind === 'post' ? body.post! : null,
            checkpoints: (body.checkpoints ?? []).map((c) => ({ ...c, checkedInAt: null })),
          });
          await recordAudit(q, userActor(request.session), 'patrol_plan.create', plan.id, { unitId: plan.unitId, kind: plan.kind });
          return { result: plan, events: [{ type: 'patrol_plan.updated' as const, patrolPlan: plan }] };
        });
        return reply.status(201).send(result);
      },
    );
  };
