import { Type } from '@sinclair/typebox';
import { CreateUserSchema, UserSchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../../core.js';
import { HttpError, unprocessable } from '../../../http-error.js';
import { requireRole } from '../../../plugins/external/auth.js';
import { recordAudit, userActor } from '../../../plugins/app/audit/audit-log.js';
import { createUser, listUsers } from '../../../plugins/app/users/user-repository.js';

export const userRoutes = (core: Core): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/api/users', { schema: { tags: ['users'], summary: 'All users', response: { 200: Type.Array(UserSchema) } }, preHandler: requireRole('admin') },
    async () => listUsers(core.db));

  app.post('/api/users', { schema: { tags: ['users'], summary: 'Create a user', body: CreateUserSchema, response: { 201: UserSchema } }, preHandler: requireRole('admin') },
    async (request, reply) => {
      const body = request.body;
      if (body.role === 'captain' && !body.unitId && !body.teamId) throw new HttpError(422, 'unitId: a captain needs a unit or team', 'unitId');
      const user = await core.db.tx(async (q) => {
        if ((await q.query('SELECT 1 FROM users WHERE username = $1', [body.username])).length > 0) throw new HttpError(409, 'username: already taken', 'username');
        // Checked by name so the answer says which one; the insert's foreign key error would not.
        if (body.teamId && (await q.query('SELECT 1 FROM teams WHERE id = $1', [body.teamId])).length === 0) throw unprocessable('teamId', 'no such team');
        if (body.unitId && (await q.query('SELECT 1 FROM units WHERE id = $1', [body.unitId])).length === 0) throw unprocessable('unitId', 'no such unit');
        const created = await createUser(q, body);
        await recordAudit(q, userActor(request.session), 'user.create', created.id, { username: body.username, role: body.role });
        return created;
      });
      return reply.status(201).send(user);
    });
};
