import { Type } from '@sinclair/typebox';
import { ActivatePlanSchema, EmergencyPlanSchema, IdSchema, IncidentSchema, TaskUpdateSchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ALL_STAFF, requireRole } from '../users-auth/require-role.js';
import type { Database } from '../../db/database.js';
import { listPlans } from './plan-repository.js';
import type { PlanService } from './plan-service.js';

export interface PlanRouteDeps {
  db: Database;
  plans: PlanService;
}

export const planRoutes =
  (deps: PlanRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/plans',
      {
        schema: {
          tags: ['plans'],
          summary: "The district's emergency plans that can be started (retired ones are left out)",
          response: { 200: Type.Array(EmergencyPlanSchema) },
        },
        preHandler: requireRole(...ALL_STAFF),
      },
      async () => listPlans(deps.db, false),
    );

    app.post(
      '/api/plans/:planId/activate',
      {
        schema: {
          tags: ['plans'],
          summary: 'Open a major incident with the plan checklist and dispatch its unit mix by ETA',
          params: Type.Object({ planId: Type.String({ minLength: 1, maxLength: 40 }) }),
          body: ActivatePlanSchema,
          response: { 201: IncidentSchema },
        },
        preHandler: requireRole('admin', 'operator'),
      },
      async (request, reply) => reply.status(201).send(await deps.plans.activate(request.params.planId, request.body, `user:${request.session!.username}`)),
    );

    app.post(
      '/api/incidents/:id/tasks/:index',
      {
        schema: {
          tags: ['plans'],
          summary: 'Update a checklist task',
          params: Type.Object({ id: IdSchema, index: Type.Integer({ minimum: 0, maximum: 200 }) }),
          body: TaskUpdateSchema,
          response: { 200: IncidentSchema },
        },
        preHandler: requireRole('admin', 'operator'),
      },
      async (request) => deps.plans.updateTask(request.params.id, request.params.index, request.body, `user:${request.session!.username}`),
    );
  };
