import { Type } from '@sinclair/typebox';
import { CreateUnitSchema, EnrolledUnitSchema, IdSchema, UnitSchema, UnitStatusChangeSchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { captainScope } from '../users-auth/captain-visibility.js';
import { DomainError, forbidden, notFound } from '../domain-errors.js';
import { ALL_STAFF, requireRole } from '../users-auth/require-role.js';
import { recordAudit, userActor } from '../audit/audit-log.js';
import { insertUnit, setUnitStatus } from './unit-repository.js';
import { trackerRoutes } from './tracker-routes.js';
import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { LivePicture } from '../live-picture.js';

export interface UnitRouteDeps {
  db: Database;
  bus: CommandBus;
  picture: LivePicture;
}

export const unitRoutes =
  (deps: UnitRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/units',
      {
        schema: { tags: ['units'], summary: 'All units with their last position (live picture)', response: { 200: Type.Array(UnitSchema) } },
        preHandler: requireRole(...ALL_STAFF),
      },
      async (request) => {
        const s = request.session!;
        const units = [...deps.picture.units.values()];
        // A captain sees their team and the units working alongside it, as on the socket.
        if (s.role !== 'captain') return units;
        const scope = captainScope(deps.picture, s);
        return units.filter((u) => scope.units.has(u.id));
      },
    );

    app.post(
      '/api/units',
      {
        schema: {
          tags: ['units'],
          summary: 'Create a unit (the reply, for the administrator only, holds its tracker id)',
          body: CreateUnitSchema,
          response: { 201: EnrolledUnitSchema },
        },
        preHandler: requireRole('admin'),
      },
      async (request, reply) => {
        const { result } = await deps.bus.run(async (q) => {
          const clash = await q.query('SELECT 1 FROM units WHERE callsign = $1 OR ($2::text IS NOT NULL AND tracker_id = $2)', [
            request.body.callsign,
            request.body.trackerId ?? null,
          ]);
          if (clash.length > 0) throw new DomainError('conflict', 'callsign or trackerId already in use', 'callsign');
          if (request.body.teamId && (await q.query('SELECT 1 FROM teams WHERE id = $1', [request.body.teamId])).length === 0)
            throw new DomainError('unprocessable', 'teamId: no such team', 'teamId');
          if (request.body.stationId && (await q.query('SELECT 1 FROM stations WHERE id = $1 AND retired_at IS NULL', [request.body.stationId])).length === 0)
            throw new DomainError('unprocessable', 'stationId: no such station in service', 'stationId');
          const enrolled = await insertUnit(q, request.body);
          const { trackerId, ...unit } = enrolled;
          await recordAudit(q, userActor(request.session), 'unit.create', unit.id, { ...request.body, ...(trackerId ? { tracker: 'set' } : {}) });
          return { result: enrolled, events: [{ type: 'unit.updated' as const, unit, trackerId }] };
        });
        return reply.status(201).send(result);
      },
    );

    app.post(
      '/api/units/:id/status',
      {
        schema: {
          tags: ['units'],
          summary: 'Change a unit status',
          params: Type.Object({ id: IdSchema }),
          body: UnitStatusChangeSchema,
          response: { 200: UnitSchema },
        },
        preHandler: requireRole('admin', 'operator', 'captain'),
      },
      async (request) => {
        const s = request.session!;
        // A captain changes only the unit their tablet belongs to.
        if (s.role === 'captain' && s.unitId !== request.params.id) throw forbidden('a captain may change only their own unit');
        const { result } = await deps.bus.run(async (q) => {
          // An SOS holds until its incident ends (needs-help.ts): nobody clears it by a status button.
          if (deps.picture.units.get(request.params.id)?.status === 'needs_help')
            throw new DomainError('conflict', 'status: this unit raised an SOS; it is released when that incident is resolved or cancelled', 'status');
          const unit = await setUnitStatus(q, request.params.id, request.body.status);
          if (!unit) throw notFound('unit');
          await recordAudit(q, userActor(s), 'unit.status', unit.id, request.body);
          return { result: unit, events: [{ type: 'unit.updated' as const, unit }] };
        });
        return result;
      },
    );

    await app.register(trackerRoutes(deps));
  };
