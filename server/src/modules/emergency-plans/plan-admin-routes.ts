import { Type } from '@sinclair/typebox';
import {
  EmergencyPlanContentSchema,
  EmergencyPlanSchema,
  EmergencyPlanVersionSchema,
  RetireEmergencyPlanSchema,
  UpdateEmergencyPlanSchema,
} from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { userActor } from '../audit/audit-log.js';
import { notFound } from '../domain-errors.js';
import { requireRole } from '../users-auth/require-role.js';
import type { PlanAdminService } from './plan-admin-service.js';
import { getPlan, listPlanVersions, listPlans } from './plan-repository.js';

export interface PlanAdminRouteDeps {
  db: Database;
  admin: PlanAdminService;
}

const PlanParams = Type.Object({ planId: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });

/** The console's plan editor (role admin): every plan with its retired ones, create, save, retire, reinstate, history. */
export const planAdminRoutes =
  (deps: PlanAdminRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const admin = requireRole('admin');
    app.get(
      '/api/admin/plans',
      {
        schema: { tags: ['plans', 'admin'], summary: 'Every emergency plan, retired ones last', response: { 200: Type.Array(EmergencyPlanSchema) } },
        preHandler: admin,
      },
      async () => listPlans(deps.db, true),
    );

    app.post(
      '/api/admin/plans',
      {
        schema: {
          tags: ['plans', 'admin'],
          summary: 'A new emergency plan (version 1)',
          body: EmergencyPlanContentSchema,
          response: { 201: EmergencyPlanSchema },
        },
        preHandler: admin,
      },
      async (request, reply) => reply.status(201).send(await deps.admin.create(request.body, userActor(request.session))),
    );

    app.put(
      '/api/admin/plans/:planId',
      {
        schema: {
          tags: ['plans', 'admin'],
          summary: 'Save a plan as a new version; 409 `version` when it was saved by someone else since the version given',
          params: PlanParams,
          body: UpdateEmergencyPlanSchema,
          response: { 200: EmergencyPlanSchema },
        },
        preHandler: admin,
      },
      async (request) => deps.admin.update(request.params.planId, request.body, userActor(request.session)),
    );

    for (const [path, retired] of [
      ['retire', true],
      ['reinstate', false],
    ] as const) {
      app.post(
        `/api/admin/plans/:planId/${path}`,
        {
          schema: {
            tags: ['plans', 'admin'],
            summary: retired ? 'Retire a plan: it can no longer be started' : 'Bring a retired plan back',
            params: PlanParams,
            body: RetireEmergencyPlanSchema,
            response: { 200: EmergencyPlanSchema },
          },
          preHandler: admin,
        },
        async (request) => deps.admin.setRetired(request.params.planId, request.body.version, retired, userActor(request.session)),
      );
    }

    app.get(
      '/api/admin/plans/:planId/versions',
      {
        schema: {
          tags: ['plans', 'admin'],
          summary: "A plan's saved versions, newest first",
          params: PlanParams,
          response: { 200: Type.Array(EmergencyPlanVersionSchema) },
        },
        preHandler: admin,
      },
      async (request) => {
        if (!(await getPlan(deps.db, request.params.planId))) throw notFound('plan');
        return listPlanVersions(deps.db, request.params.planId);
      },
    );
  };
