import { Type } from '@sinclair/typebox';
import { EnrolledUnitSchema, IdSchema, TrackerEnrolmentSchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound } from '../domain-errors.js';
import { requireRole } from '../users-auth/require-role.js';
import { recordAudit, userActor } from '../audit/audit-log.js';
import { newTrackerId } from './tracker-ids.js';
import { listEnrolledUnits, setTracker } from './unit-repository.js';
import type { SessionClaims } from '../users-auth/session-tokens.js';
import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';

export interface TrackerRouteDeps {
  db: Database;
  bus: CommandBus;
}

/**
 * Tracker enrolment, for administrators only: tracker ids are secrets (whoever
 * knows one moves that unit), so no other role's reply or screen ever holds one.
 */
export const trackerRoutes =
  (deps: TrackerRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const params = Type.Object({ id: IdSchema });

    app.get(
      '/api/admin/trackers',
      {
        schema: { tags: ['units'], summary: 'Every unit with its tracker id (enrolment)', response: { 200: Type.Array(EnrolledUnitSchema) } },
        preHandler: requireRole('admin'),
      },
      async () => listEnrolledUnits(deps.db),
    );

    app.post(
      '/api/units/:id/tracker',
      {
        schema: {
          tags: ['units'],
          summary: 'Enrol or rotate: a new unguessable tracker id; the old one stops working at once',
          params,
          response: { 200: TrackerEnrolmentSchema },
        },
        preHandler: requireRole('admin'),
      },
      async (request) => {
        const unit = await changeTracker(deps, request.session!, request.params.id, newTrackerId());
        return { unitId: unit.id, callsign: unit.callsign, trackerId: unit.trackerId! };
      },
    );

    app.delete(
      '/api/units/:id/tracker',
      {
        schema: {
          tags: ['units'],
          summary: "Revoke a unit's tracker id: its fixes and alarms are refused from now on",
          params,
          response: { 200: EnrolledUnitSchema },
        },
        preHandler: requireRole('admin'),
      },
      async (request) => changeTracker(deps, request.session!, request.params.id, null),
    );
  };

async function changeTracker(deps: TrackerRouteDeps, actor: SessionClaims, unitId: string, trackerId: string | null) {
  const { result } = await deps.bus.run(async (q) => {
    const enrolled = await setTracker(q, unitId, trackerId);
    if (!enrolled) throw notFound('unit');
    await recordAudit(q, userActor(actor), trackerId ? 'unit.tracker_enrol' : 'unit.tracker_revoke', unitId);
    const { trackerId: _secret, ...unit } = enrolled;
    return { result: enrolled, events: [{ type: 'unit.updated' as const, unit, trackerId }] };
  });
  return result;
}
