import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { GeoRetireSchema, GridCreateSchema, GridSchema, GridUpdateSchema, IdSchema, type Grid, type GridUpdate } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Queryable } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { recordAudit, userActor } from '../audit/audit-log.js';
import { DomainError, notFound } from '../domain-errors.js';
import { requireRole } from '../users-auth/require-role.js';
import { geoError, staleVersion } from './geo-errors.js';
import { getGridForUpdate, insertGrid, listGrids, saveGrid } from './geo-repository.js';
import { changedGridFields, gridProblems } from './grid-checks.js';
import { contactsWithPhone } from './grid-contacts.js';
import { closedRing } from './grid-rules.js';

const worldOf = async (q: Queryable) => new Map((await listGrids(q, true)).map((g) => [g.id, g]));

/** The grid with the PATCH applied: fields absent from the body keep their value. */
function patched(current: Grid, body: GridUpdate): Grid {
  const name = body.name ?? current.name;
  const leader = body.leader !== undefined ? body.leader : current.leader;
  return {
    ...current,
    code: body.code ?? current.code,
    name,
    level: body.level ?? current.level,
    parentId: body.parentId !== undefined ? body.parentId : current.parentId,
    ring: body.ring ? closedRing(body.ring) : current.ring,
    leader,
    contacts: body.phone !== undefined ? contactsWithPhone(current.contacts, leader, name, body.phone) : current.contacts,
  };
}

/** A grid in service, locked, at the version the client read; else 404 or 409 naming `version`. */
async function gridAt(q: Queryable, id: string, version: number): Promise<Grid> {
  const current = await getGridForUpdate(q, id);
  if (!current || current.retiredAt) throw notFound(`grid ${id}`);
  if (current.version !== version) throw staleVersion(current.version ?? 1, version);
  return current;
}

/**
 * The console's grids (issue 19): create, change (PATCH with the version it was read at) and
 * retire. Each is checked against every rule (grid-checks.ts), audited with its actor, and
 * published as one `geography.changed` so every open wall redraws it.
 */
export const gridAdminRoutes =
  (deps: { bus: CommandBus }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const params = Type.Object({ id: IdSchema });

    app.post(
      '/api/admin/grids',
      {
        schema: { tags: ['admin'], summary: 'Create a grid (street, community or grid)', body: GridCreateSchema, response: { 201: GridSchema } },
        onRequest: requireRole('admin'),
      },
      async (request, reply) => {
        const b = request.body;
        const leader = b.leader ?? null;
        const grid: Grid = {
          id: randomUUID(),
          code: b.code,
          name: b.name,
          level: b.level,
          parentId: b.parentId,
          ring: closedRing(b.ring),
          leader,
          contacts: contactsWithPhone([], leader, b.name, b.phone ?? null),
        };
        const { result } = await deps.bus.run(async (q) => {
          const [problem] = gridProblems(await worldOf(q), grid);
          if (problem) throw geoError(problem);
          const created = await insertGrid(q, grid);
          await recordAudit(q, userActor(request.session), 'grid.create', created.id, { code: b.code, name: b.name, level: b.level, parentId: b.parentId });
          return { result: created, events: [{ type: 'geography.changed' as const, grids: [created], stations: [] }] };
        });
        return reply.status(201).send(result);
      },
    );

    app.patch(
      '/api/admin/grids/:id',
      {
        schema: {
          tags: ['admin'],
          summary: 'Change a grid (only the fields sent); `version` as read, a stale one is 409',
          params,
          body: GridUpdateSchema,
          response: { 200: GridSchema },
        },
        onRequest: requireRole('admin'),
      },
      async (request) => {
        const { result } = await deps.bus.run(async (q) => {
          const current = await gridAt(q, request.params.id, request.body.version);
          const next = patched(current, request.body);
          const fields = changedGridFields(current, next);
          if (fields.length === 0) return { result: current, events: [] };
          const [problem] = gridProblems(await worldOf(q), next);
          if (problem) throw geoError(problem);
          const saved = await saveGrid(q, next);
          await recordAudit(q, userActor(request.session), 'grid.update', saved.id, { code: saved.code, fields });
          return { result: saved, events: [{ type: 'geography.changed' as const, grids: [saved], stations: [] }] };
        });
        return result;
      },
    );

    app.post(
      '/api/admin/grids/:id/retire',
      {
        schema: {
          tags: ['admin'],
          summary: 'Retire a grid (it leaves the walls; incidents keep it); one with children in service is refused',
          params,
          body: GeoRetireSchema,
          response: { 200: GridSchema },
        },
        onRequest: requireRole('admin'),
      },
      async (request) => {
        const { result } = await deps.bus.run(async (q) => {
          const current = await gridAt(q, request.params.id, request.body.version);
          const [child] = await q.query<{ name: string }>('SELECT name FROM grids WHERE parent_id = $1 AND retired_at IS NULL LIMIT 1', [current.id]);
          if (child) throw new DomainError('conflict', `id: ${child.name} is still under this grid: retire or move it first`, 'id', 'has_children');
          const saved = await saveGrid(q, { ...current, retiredAt: new Date().toISOString() });
          await recordAudit(q, userActor(request.session), 'grid.retire', saved.id, { code: saved.code, name: saved.name });
          return { result: saved, events: [{ type: 'geography.changed' as const, grids: [saved], stations: [] }] };
        });
        return result;
      },
    );
  };
