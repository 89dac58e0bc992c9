import { Type } from '@sinclair/typebox';
import {
  AssignmentStatusChangeSchema,
  CancelSchema,
  CloseSchema,
  CreateIncidentSchema,
  DEPARTMENT_VALUES,
  DispatchSchema,
  EscalateSchema,
  IdSchema,
  IncidentSchema,
  JoinCallSchema,
  ResolveSchema,
  WhistleSchema,
  isLiveAssignment,
  stringEnum,
} from '@lianfang/shared';
import type { Incident } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { forbidden } from '../domain-errors.js';
import { transitionCommand } from './lifecycle-service.js';
import { findReceipt } from './command-receipts.js';
import { requireRole } from '../users-auth/require-role.js';
import type { Database } from '../../db/database.js';
import type { LivePicture } from '../live-picture.js';
import type { LifecycleService } from './lifecycle-service.js';
import type { EscalationService } from './escalation-service.js';
import type { DispatchService } from '../dispatch/dispatch-service.js';

/** The services an incident command goes through (each commits via the command bus). */
export interface IncidentCommandDeps {
  db: Database;
  config: Pick<Config, 'ON_SCENE_RADIUS_M'>;
  picture: LivePicture;
  lifecycle: LifecycleService;
  escalation: EscalationService;
  dispatch: DispatchService;
}
import { captainProgressDetails } from '../dispatch/captain-progress.js';
import type { Config } from '../../config.js';

const Params = Type.Object({ id: IdSchema });
const reply = { 200: IncidentSchema };
const actorOf = (r: { session: { username: string } | null }) => `user:${r.session!.username}`;

/** The closed loop over REST: dispatch → unit progress → resolve → evaluate, plus the ladder. */
export const incidentCommandRoutes =
  (deps: IncidentCommandDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const control = requireRole('admin', 'operator');

    app.post(
      '/api/incidents',
      {
        schema: {
          tags: ['incidents'],
          summary: 'Open an incident by hand (a call, a patrol report)',
          body: CreateIncidentSchema,
          response: { 201: IncidentSchema },
        },
        preHandler: requireRole('admin', 'operator', 'captain'),
      },
      async (request, res) =>
        res
          .status(201)
          .send(
            await deps.lifecycle.create(
              { ...request.body, source: request.body.source ?? (request.session!.role === 'captain' ? 'patrol_report' : 'manual') },
              actorOf(request),
              { unitId: request.session!.role === 'captain' ? request.session!.unitId : null },
            ),
          ),
    );

    app.post(
      '/api/incidents/:id/calls',
      {
        schema: {
          tags: ['incidents'],
          summary: 'Another call about an open incident: the caller is recorded on its timeline instead of a second incident',
          params: Params,
          body: JoinCallSchema,
          response: reply,
        },
        preHandler: control,
      },
      async (request) => deps.lifecycle.joinCall(request.params.id, request.body, actorOf(request)),
    );

    app.post(
      '/api/incidents/:id/dispatch',
      {
        schema: {
          tags: ['incidents'],
          summary: 'Send units (a joint response may send several forces)',
          params: Params,
          body: DispatchSchema,
          response: reply,
        },
        preHandler: control,
      },
      async (request) => deps.dispatch.dispatch(request.params.id, request.body.unitIds, actorOf(request)),
    );

    app.post(
      '/api/incidents/:id/units/:unitId/status',
      {
        schema: {
          tags: ['incidents'],
          summary: "A unit's progress: acknowledged, en_route, on_scene, cleared, declined (at = the device's time, for offline tablets)",
          params: Type.Object({ id: IdSchema, unitId: IdSchema }),
          body: AssignmentStatusChangeSchema,
          response: reply,
        },
        preHandler: requireRole('admin', 'operator', 'captain'),
      },
      async (request) => {
        const s = request.session!;
        if (s.role === 'captain' && s.unitId !== request.params.unitId) throw forbidden('a captain reports only for their own unit');
        const target = { incidentId: request.params.id, unitId: request.params.unitId };
        const details = captainProgressDetails(deps.picture, deps.config.ON_SCENE_RADIUS_M, s.role, target, request.body);
        return deps.dispatch.setAssignmentStatus(request.params.id, request.params.unitId, request.body.status, actorOf(request), request.body.at, details);
      },
    );

    app.post(
      '/api/incidents/:id/resolve',
      {
        schema: { tags: ['incidents'], summary: 'Resolve with outcome and the level that settled it', params: Params, body: ResolveSchema, response: reply },
        preHandler: requireRole('admin', 'operator', 'captain'),
      },
      async (request) => {
        const s = request.session!;
        // A replay from the tablet's queue after a lost reply: the incident has left the live picture
        // (resolved), so the captain check below would refuse it. The receipt is this user's own proof.
        const key = request.body.idempotencyKey;
        const replay = key ? await findReceipt<Incident>(deps.db, actorOf(request), key, transitionCommand(request.params.id, 'resolved')) : null;
        if (replay) return replay;
        if (s.role === 'captain') {
          const incident = deps.picture.incidents.get(request.params.id);
          // Only a unit still on it: one that declined or was cleared has handed the incident back to the control room.
          if (!incident?.assignments.some((a) => a.unitId === s.unitId && isLiveAssignment(a)))
            throw forbidden('a captain resolves only incidents their unit is working on (not declined or cleared)');
        }
        return deps.lifecycle.resolve(request.params.id, request.body, actorOf(request));
      },
    );

    app.post(
      '/api/incidents/:id/close',
      {
        schema: {
          tags: ['incidents'],
          summary: 'Evaluate and close (resident feedback or supervisor rating)',
          params: Params,
          body: CloseSchema,
          response: reply,
        },
        preHandler: requireRole('admin', 'operator', 'manager'),
      },
      async (request) => deps.lifecycle.close(request.params.id, request.body, actorOf(request)),
    );

    app.post(
      '/api/incidents/:id/cancel',
      { schema: { tags: ['incidents'], summary: 'Cancel or mark as false alarm', params: Params, body: CancelSchema, response: reply }, preHandler: control },
      async (request) => deps.lifecycle.cancel(request.params.id, request.body, actorOf(request)),
    );

    app.post(
      '/api/incidents/:id/escalate',
      {
        schema: {
          tags: ['incidents'],
          summary: 'One level up the ladder (grid → community → street → department)',
          params: Params,
          body: EscalateSchema,
          response: reply,
        },
        preHandler: control,
      },
      async (request) => deps.escalation.escalate(request.params.id, request.body.reason, actorOf(request)),
    );

    app.post(
      '/api/incidents/:id/whistle',
      {
        schema: {
          tags: ['incidents'],
          summary: "The street office's whistle: summon departments, each must report in",
          params: Params,
          body: WhistleSchema,
          response: reply,
        },
        preHandler: control,
      },
      async (request) => deps.escalation.whistle(request.params.id, request.body.departments, request.body.minutes, actorOf(request)),
    );

    app.post(
      '/api/incidents/:id/report-in',
      {
        schema: {
          tags: ['incidents'],
          summary: 'A summoned department reports in',
          params: Params,
          body: Type.Object({ department: stringEnum(DEPARTMENT_VALUES) }, { additionalProperties: false }),
          response: reply,
        },
        preHandler: control,
      },
      async (request) => deps.escalation.reportIn(request.params.id, request.body.department, actorOf(request)),
    );
  };
