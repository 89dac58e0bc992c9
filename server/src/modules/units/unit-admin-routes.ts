import { Type } from '@sinclair/typebox';
import { AdminUnitSchema, IdSchema, RetireSchema, UpdateUnitSchema, type AdminUnit } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { conflict, unprocessable } from '../domain-errors.js';
import { requireRole } from '../users-auth/require-role.js';
import { recordAudit, userActor } from '../audit/audit-log.js';
import { staleOrMissing } from '../versioned-change.js';
import { publicUnit } from './public-unit.js';
import { callsignTaken, findActiveUnit, listAdminUnits, retireUnitAt, updateUnitAt } from './admin-unit-repository.js';
import type { Database, Queryable } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { LivePicture } from '../live-picture.js';

export interface UnitAdminRouteDeps {
  db: Database;
  bus: CommandBus;
  picture: LivePicture;
}

/** A unit may leave service only when it is not working a case: retiring it would strand the incident. */
const RETIRABLE = new Set(['available', 'off_duty']);

const asUnit = ({ stationId: _s, version: _v, ...unit }: AdminUnit) => publicUnit(unit);

/**
 * The 力量 tab: edit a unit (callsign, force, mode, team, station) on the version the administrator
 * saw, or retire it. Audited, and published as `unit.updated` so every wall and the candidates follow.
 */
export const unitAdminRoutes =
  (deps: UnitAdminRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const params = Type.Object({ id: IdSchema });

    app.get(
      '/api/admin/units',
      {
        schema: { tags: ['units'], summary: 'Units in service with station and version (the console)', response: { 200: Type.Array(AdminUnitSchema) } },
        preHandler: requireRole('admin'),
      },
      async () => {
        // The live picture holds positions fresher than `last_fix` (written on a slow beat).
        return (await listAdminUnits(deps.db)).map((u) => ({ ...u, position: deps.picture.units.get(u.id)?.position ?? u.position }));
      },
    );

    app.patch(
      '/api/units/:id',
      {
        schema: {
          tags: ['units'],
          summary: 'Edit a unit on the version you saw (stale → 409, field `version`)',
          params,
          body: UpdateUnitSchema,
          response: { 200: AdminUnitSchema },
        },
        preHandler: requireRole('admin'),
      },
      async (request) => {
        const { id } = request.params;
        const { version, ...change } = request.body;
        const { result } = await deps.bus.run(async (q) => {
          const current = await findActiveUnit(q, id);
          if (!current || current.version !== version) throw staleOrMissing('unit', current, version);
          const next = {
            callsign: change.callsign ?? current.callsign,
            force: change.force ?? current.force,
            mode: change.mode ?? current.mode,
            teamId: change.teamId === undefined ? current.teamId : change.teamId,
            stationId: change.stationId === undefined ? current.stationId : change.stationId,
          };
          await checkReferences(q, id, current, next);
          const unit = await updateUnitAt(q, id, version, next);
          if (!unit) throw staleOrMissing('unit', await findActiveUnit(q, id), version);
          await recordAudit(q, userActor(request.session), 'unit.update', id, { before: rosterOf(current), after: change });
          return { result: unit, events: [{ type: 'unit.updated' as const, unit: asUnit(unit) }] };
        });
        return result;
      },
    );

    app.post(
      '/api/units/:id/retire',
      {
        schema: {
          tags: ['units'],
          summary: 'Retire a unit: it leaves the wall and the candidates, history keeps it; its tracker id stops working',
          params,
          body: RetireSchema,
          response: { 200: AdminUnitSchema },
        },
        preHandler: requireRole('admin'),
      },
      async (request) => {
        const { id } = request.params;
        const { version } = request.body;
        const { result } = await deps.bus.run(async (q) => {
          const current = await findActiveUnit(q, id);
          if (!current || current.version !== version) throw staleOrMissing('unit', current, version);
          if (!RETIRABLE.has(current.status)) throw conflict('status', `the unit is ${current.status}: clear it from its case first`);
          const unit = await retireUnitAt(q, id, version);
          if (!unit) throw staleOrMissing('unit', await findActiveUnit(q, id), version);
          await recordAudit(q, userActor(request.session), 'unit.retire', id, { callsign: current.callsign });
          return { result: unit, events: [{ type: 'unit.updated' as const, unit: asUnit(unit), trackerId: null, retired: true as const }] };
        });
        return result;
      },
    );
  };

const rosterOf = (u: AdminUnit) => ({ callsign: u.callsign, force: u.force, mode: u.mode, teamId: u.teamId, stationId: u.stationId });

async function checkReferences(
  q: Queryable,
  id: string,
  current: AdminUnit,
  next: { callsign: string; teamId: string | null; stationId: string | null },
): Promise<void> {
  if (next.callsign !== current.callsign && (await callsignTaken(q, next.callsign, id))) throw conflict('callsign', 'another unit has this callsign');
  if (next.teamId && next.teamId !== current.teamId && (await q.query('SELECT 1 FROM teams WHERE id = $1 AND retired_at IS NULL', [next.teamId])).length === 0)
    throw unprocessable('teamId', 'no such team in service');
  if (next.stationId && next.stationId !== current.stationId && (await q.query('SELECT 1 FROM stations WHERE id = $1', [next.stationId])).length === 0)
    throw unprocessable('stationId', 'no such station');
}
