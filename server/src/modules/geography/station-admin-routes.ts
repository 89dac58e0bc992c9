import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { GeoRetireSchema, IdSchema, StationCreateSchema, StationSchema, StationUpdateSchema, type Station } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Queryable } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { recordAudit, userActor } from '../audit/audit-log.js';
import { notFound } from '../domain-errors.js';
import { requireRole } from '../users-auth/require-role.js';
import { geoError, staleVersion } from './geo-errors.js';
import { getStationForUpdate, insertStation, saveStation } from './geo-repository.js';

const COMPARED = ['code', 'name', 'kind', 'lat', 'lon'] as const;
export const changedStationFields = (a: Station, b: Station) => COMPARED.filter((k) => a[k] !== b[k]);

/** A code is one station's (retired ones keep theirs: a code never comes to mean another place). */
export async function stationCodeTaken(q: Queryable, code: string, id: string): Promise<void> {
  const [other] = await q.query<{ name: string }>('SELECT name FROM stations WHERE code = $1 AND id <> $2', [code, id]);
  if (other)
    throw geoError({ field: 'code', code: 'code_taken', message: `${code} is already the code of ${other.name}`, params: { value: code, name: other.name } });
}

async function stationAt(q: Queryable, id: string, version: number): Promise<Station> {
  const current = await getStationForUpdate(q, id);
  if (!current || current.retiredAt) throw notFound(`station ${id}`);
  if (current.version !== version) throw staleVersion(current.version ?? 1, version);
  return current;
}

/** The console's stations (issue 19): create, change (with its version) and retire; audited, published as `geography.changed`. */
export const stationAdminRoutes =
  (deps: { bus: CommandBus }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const params = Type.Object({ id: IdSchema });
    const changed = (station: Station) => [{ type: 'geography.changed' as const, grids: [], stations: [station] }];

    app.post(
      '/api/admin/stations',
      {
        schema: { tags: ['admin'], summary: 'Create a station', body: StationCreateSchema, response: { 201: StationSchema } },
        onRequest: requireRole('admin'),
      },
      async (request, reply) => {
        const { result } = await deps.bus.run(async (q) => {
          const id = randomUUID();
          await stationCodeTaken(q, request.body.code, id);
          const created = await insertStation(q, { id, ...request.body, standingCrew: null });
          await recordAudit(q, userActor(request.session), 'station.create', created.id, request.body);
          return { result: created, events: changed(created) };
        });
        return reply.status(201).send(result);
      },
    );

    app.patch(
      '/api/admin/stations/:id',
      {
        schema: {
          tags: ['admin'],
          summary: 'Change a station (only the fields sent); `version` as read, a stale one is 409',
          params,
          body: StationUpdateSchema,
          response: { 200: StationSchema },
        },
        onRequest: requireRole('admin'),
      },
      async (request) => {
        const { result } = await deps.bus.run(async (q) => {
          const current = await stationAt(q, request.params.id, request.body.version);
          const { version: _version, ...fields } = request.body;
          const next: Station = { ...current, ...fields };
          const changedFields = changedStationFields(current, next);
          if (changedFields.length === 0) return { result: current, events: [] };
          if (next.code !== current.code) await stationCodeTaken(q, next.code!, next.id);
          const saved = await saveStation(q, next);
          await recordAudit(q, userActor(request.session), 'station.update', saved.id, { code: saved.code, fields: changedFields });
          return { result: saved, events: changed(saved) };
        });
        return result;
      },
    );

    app.post(
      '/api/admin/stations/:id/retire',
      {
        schema: {
          tags: ['admin'],
          summary: 'Retire a station (it leaves the walls and coverage)',
          params,
          body: GeoRetireSchema,
          response: { 200: StationSchema },
        },
        onRequest: requireRole('admin'),
      },
      async (request) => {
        const { result } = await deps.bus.run(async (q) => {
          const current = await stationAt(q, request.params.id, request.body.version);
          const saved = await saveStation(q, { ...current, retiredAt: new Date().toISOString() });
          await recordAudit(q, userActor(request.session), 'station.retire', saved.id, { code: saved.code, name: saved.name });
          return { result: saved, events: changed(saved) };
        });
        return result;
      },
    );
  };
