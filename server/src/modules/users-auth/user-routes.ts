import { Type } from '@sinclair/typebox';
import { CreateUserSchema, IdSchema, ManagedUserSchema, PasswordResetReplySchema, SessionInfoSchema, UpdateUserSchema, UserSchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DomainError, notFound } from '../domain-errors.js';
import { requireRole } from './require-role.js';
import { recordAudit, userActor } from '../audit/audit-log.js';
import { createUser, generatedPassword, getManagedUser, listManagedUsers, setPassword } from './user-repository.js';
import { EndedReplySchema, endSessionsOf } from './session-routes.js';
import { updateUserCommand } from './update-user.js';
import { assertUserReferences } from './user-references.js';
import type { AccountDeps } from './account-deps.js';

const UserParams = Type.Object({ id: IdSchema });

export const userRoutes =
  (deps: AccountDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/users',
      {
        schema: { tags: ['users'], summary: 'All users, whether they may log in, and their open logins', response: { 200: Type.Array(ManagedUserSchema) } },
        preHandler: requireRole('admin'),
      },
      async () => {
        const [users, open] = await Promise.all([listManagedUsers(deps.db), deps.sessions.openCounts()]);
        return users.map(({ user, disabled, displayName }) => ({ ...user, disabled, displayName, activeSessions: open.get(user.id) ?? 0 }));
      },
    );

    app.post(
      '/api/users',
      { schema: { tags: ['users'], summary: 'Create a user', body: CreateUserSchema, response: { 201: UserSchema } }, preHandler: requireRole('admin') },
      async (request, reply) => {
        const body = request.body;
        if (body.role === 'captain' && !body.unitId && !body.teamId) throw new DomainError('unprocessable', 'unitId: a captain needs a unit or team', 'unitId');
        const user = await deps.db.tx(async (q) => {
          if ((await q.query('SELECT 1 FROM users WHERE username = $1', [body.username])).length > 0)
            throw new DomainError('conflict', 'username: already taken', 'username');
          await assertUserReferences(q, body);
          const created = await createUser(q, body);
          await recordAudit(q, userActor(request.session), 'user.create', created.id, { username: body.username, role: body.role });
          return created;
        });
        return reply.status(201).send(user);
      },
    );

    app.patch(
      '/api/users/:id',
      {
        schema: {
          tags: ['users'],
          summary: 'Change role, team, unit or disable; any of these ends every login of the user at once',
          params: UserParams,
          body: UpdateUserSchema,
          response: { 200: ManagedUserSchema },
        },
        preHandler: requireRole('admin'),
      },
      async (request) => updateUserCommand(deps, request.session!, request.params.id, request.body),
    );

    app.post(
      '/api/users/:id/password',
      {
        schema: {
          tags: ['users'],
          summary: 'Reset a password: a new one is generated and shown once; every login of the user ends',
          params: UserParams,
          response: { 200: PasswordResetReplySchema },
        },
        preHandler: requireRole('admin'),
      },
      async (request) => {
        const password = generatedPassword();
        const ended = await deps.db.tx(async (q) => {
          if (!(await getManagedUser(q, request.params.id))) throw notFound('user');
          await setPassword(q, request.params.id, password);
          await recordAudit(q, userActor(request.session), 'user.password_reset', request.params.id);
          return deps.sessions.endAllOf(q, request.params.id, 'password_changed');
        });
        deps.sessions.announce(ended, 'password_changed');
        return { password };
      },
    );

    app.get(
      '/api/users/:id/sessions',
      {
        schema: { tags: ['users'], summary: "A user's open logins, newest first", params: UserParams, response: { 200: Type.Array(SessionInfoSchema) } },
        preHandler: requireRole('admin'),
      },
      async (request) => {
        if (!(await getManagedUser(deps.db, request.params.id))) throw notFound('user');
        return deps.sessions.list(request.params.id, request.session!.sid);
      },
    );

    app.delete(
      '/api/users/:id/sessions/:sessionId',
      {
        schema: {
          tags: ['users'],
          summary: 'End one login of a user: its token and sockets stop at once',
          params: Type.Object({ id: IdSchema, sessionId: Type.String({ maxLength: 64 }) }),
          response: { 200: EndedReplySchema },
        },
        preHandler: requireRole('admin'),
      },
      async (request) => endSessionsOf(deps, request.session!, request.params.id, request.params.sessionId),
    );

    app.delete(
      '/api/users/:id/sessions',
      {
        schema: { tags: ['users'], summary: 'End every login of a user', params: UserParams, response: { 200: EndedReplySchema } },
        preHandler: requireRole('admin'),
      },
      async (request) => endSessionsOf(deps, request.session!, request.params.id, null),
    );
  };
