import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { IdSchema, KeyAreaCreateSchema, KeyAreaSchema, KeyAreaUpdateSchema, VersionOnlySchema, type KeyArea, type KeyAreaUpdate } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Queryable } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { recordAudit, userActor } from '../audit/audit-log.js';
import { notFound } from '../domain-errors.js';
import { requireRole } from '../users-auth/require-role.js';
import { geoError, staleVersion } from '../geography/geo-errors.js';
import { closedRing } from '../geography/grid-rules.js';
import { getKeyAreaForUpdate, insertKeyArea, keyAreaWithCode, saveKeyArea } from './key-area-repository.js';
import { changedKeyAreaFields, keyAreaProblems } from './key-area-checks.js';

/** The area locked, at the version the client read, in service or retired as the caller needs; else 404 or 409 naming `version`. */
async function keyAreaAt(q: Queryable, id: string, version: number, retired: boolean): Promise<KeyArea> {
  const current = await getKeyAreaForUpdate(q, id);
  if (!current || Boolean(current.retiredAt) !== retired) throw notFound(`key area ${id}`);
  if (current.version !== version) throw staleVersion(current.version ?? 1, version);
  return current;
}

/** The first rule the area breaks, as the API answers it; the code is checked against the areas in service. */
async function check(q: Queryable, area: KeyArea): Promise<void> {
  const other = await keyAreaWithCode(q, area.code ?? area.id, area.id);
  const [problem] = keyAreaProblems(other ? [other] : [], area);
  if (problem) throw geoError(problem);
}

const patched = (current: KeyArea, { version: _version, ring, ...fields }: KeyAreaUpdate): KeyArea => ({
  ...current,
  ...fields,
  ring: ring ? closedRing(ring) : current.ring,
});

/**
 * The console's key areas (issue 19): create, change (PATCH with the version it was read at),
 * retire and reinstate. Each is checked (a valid polygon, a code unique in service), audited with
 * its actor and published as `key_area.updated`: walls redraw it, and a retired one leaves the
 * live picture, so the walls and the overdue watcher.
 */
export const keyAreaAdminRoutes =
  (deps: { bus: CommandBus }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const params = Type.Object({ id: IdSchema });
    const updated = (keyArea: KeyArea) => [{ type: 'key_area.updated' as const, keyArea }];

    app.post(
      '/api/admin/key-areas',
      {
        schema: { tags: ['admin'], summary: 'Create a key area (重点区域)', body: KeyAreaCreateSchema, response: { 201: KeyAreaSchema } },
        onRequest: requireRole('admin'),
      },
      async (request, reply) => {
        const b = request.body;
        const { result } = await deps.bus.run(async (q) => {
          const area = { ...b, id: randomUUID(), ring: closedRing(b.ring), retiredAt: null };
          await check(q, { ...area, lastVisitAt: null, lastVisitUnitId: null, overdueSince: null, createdAt: new Date().toISOString() });
          const created = await insertKeyArea(q, area);
          await recordAudit(q, userActor(request.session), 'key_area.create', created.id, { code: b.code, name: b.name });
          return { result: created, events: updated(created) };
        });
        return reply.status(201).send(result);
      },
    );

    app.patch(
      '/api/admin/key-areas/:id',
      {
        schema: {
          tags: ['admin'],
          summary: 'Change a key area (only the fields sent); `version` as read, a stale one is 409',
          params,
          body: KeyAreaUpdateSchema,
          response: { 200: KeyAreaSchema },
        },
        onRequest: requireRole('admin'),
      },
      async (request) => {
        const { result } = await deps.bus.run(async (q) => {
          const current = await keyAreaAt(q, request.params.id, request.body.version, false);
          const next = patched(current, request.body);
          const fields = changedKeyAreaFields(current, next);
          if (fields.length === 0) return { result: current, events: [] };
          await check(q, next);
          const saved = await saveKeyArea(q, next);
          await recordAudit(q, userActor(request.session), 'key_area.update', saved.id, { code: saved.code, fields });
          return { result: saved, events: updated(saved) };
        });
        return result;
      },
    );

    for (const action of ['retire', 'reinstate'] as const) {
      app.post(
        `/api/admin/key-areas/:id/${action}`,
        {
          schema: {
            tags: ['admin'],
            summary:
              action === 'retire'
                ? 'Retire a key area: it leaves the walls and the overdue watch; its visit history stays'
                : 'Bring a retired key area back into service (its code must be free)',
            params,
            body: VersionOnlySchema,
            response: { 200: KeyAreaSchema },
          },
          onRequest: requireRole('admin'),
        },
        async (request) => {
          const { result } = await deps.bus.run(async (q) => {
            const current = await keyAreaAt(q, request.params.id, request.body.version, action === 'reinstate');
            const next = { ...current, retiredAt: action === 'retire' ? new Date().toISOString() : null };
            if (action === 'reinstate') await check(q, next);
            const saved = await saveKeyArea(q, next);
            await recordAudit(q, userActor(request.session), `key_area.${action}`, saved.id, { code: saved.code, name: saved.name });
            return { result: saved, events: updated(saved) };
          });
          return result;
        },
      );
    }
  };
