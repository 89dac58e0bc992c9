import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { CreateKeyAreaSchema, KeyAreaSchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ALL_STAFF, requireRole } from '../users-auth/require-role.js';
import { recordAudit, userActor } from '../audit/audit-log.js';
import { insertKeyArea } from './key-area-repository.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { LivePicture } from '../live-picture.js';

export interface KeyAreaRouteDeps {
  bus: CommandBus;
  picture: LivePicture;
}

export const keyAreaRoutes =
  (deps: KeyAreaRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/key-areas',
      {
        schema: { tags: ['key areas'], summary: 'Key areas with last visit and overdue state', response: { 200: Type.Array(KeyAreaSchema) } },
        preHandler: requireRole(...ALL_STAFF),
      },
      async () => [...deps.picture.keyAreas.values()],
    );

    app.post(
      '/api/key-areas',
      {
        schema: {
          tags: ['key areas'],
          summary: 'A place that needs a patrol every N minutes during its hours',
          body: CreateKeyAreaSchema,
          response: { 201: KeyAreaSchema },
        },
        preHandler: requireRole('admin', 'operator'),
      },
      async (request, reply) => {
        const { result } = await deps.bus.run(async (q) => {
          const area = await insertKeyArea(q, { id: randomUUID(), ...request.body });
          await recordAudit(q, userActor(request.session), 'key_area.create', area.id, { name: area.name });
          return { result: area, events: [{ type: 'key_area.updated' as const, keyArea: area }] };
        });
        return reply.status(201).send(result);
      },
    );
  };
