import { Type } from '@sinclair/typebox';
import { ChangePasswordSchema, LoginReplySchema, LoginSchema, SessionInfoSchema, UserSchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DomainError } from '../domain-errors.js';
import { requireRole } from './require-role.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { recordAudit, userActor } from '../audit/audit-log.js';
import { checkLogin, setPassword, verifyPassword } from './user-repository.js';
import { loginAddressLimit } from './login-address-limit.js';
import { EndedReplySchema, endOwnSession } from './session-routes.js';
import type { AccountDeps } from './account-deps.js';

/** The username a login attempt is for, case-folded so `Admin` and `admin` share one budget. */
const loginName = (body: unknown) => String((body as { username?: unknown } | undefined)?.username ?? '').toLowerCase();

export const authRoutes =
  (deps: AccountDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Log in; returns a token and sets an HttpOnly session cookie',
          body: LoginSchema,
          response: { 200: LoginReplySchema },
        },
        // Brute force: a handful of tries per minute per username, whatever the address. Counted once the body is parsed
        // (at onRequest there is no username yet). Password spraying (many usernames, one address): a budget per address as well.
        onRequest: loginAddressLimit(app, deps.config.LOGIN_RATE_PER_ADDRESS_PER_MINUTE),
        config: {
          rateLimit: { max: deps.config.LOGIN_RATE_PER_MINUTE, timeWindow: 60_000, hook: 'preValidation', keyGenerator: (r) => `login|${loginName(r.body)}` },
        },
      },
      async (request, reply) => {
        const user = await checkLogin(deps.db, request.body.username, request.body.password);
        if (!user) throw new DomainError('unauthorized', 'username or password is wrong');
        const { token } = await deps.sessions.open(user.id, { address: request.ip, userAgent: request.headers['user-agent'] ?? null });
        reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'strict',
          path: '/',
          secure: request.protocol === 'https',
          maxAge: deps.config.SESSION_HOURS * 3600,
        });
        return { token, user };
      },
    );

    app.post(
      '/api/auth/logout',
      { schema: { tags: ['auth'], summary: 'End this login (the token stops working at once) and clear the session cookie' } },
      async (request, reply) => {
        const s = request.session;
        if (s) deps.sessions.announce(await deps.sessions.end(deps.db, s.uid, s.sid, 'logout'), 'logout');
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true };
      },
    );

    app.post(
      '/api/auth/password',
      {
        schema: {
          tags: ['auth'],
          summary: 'Change your own password; your other logins end, this one stays',
          body: ChangePasswordSchema,
          response: { 200: Type.Object({ ok: Type.Boolean(), endedSessions: Type.Integer() }) },
        },
        preHandler: requireRole(),
        // a wrong current password is a guess: same budget as the login
        config: {
          rateLimit: {
            max: deps.config.LOGIN_RATE_PER_MINUTE,
            timeWindow: 60_000,
            hook: 'preHandler',
            keyGenerator: (r) => `password|${r.session?.uid ?? r.ip}`,
          },
        },
      },
      async (request) => {
        const s = request.session!;
        if (!(await verifyPassword(deps.db, s.uid, request.body.currentPassword)))
          throw new DomainError('unprocessable', 'currentPassword: is wrong', 'currentPassword');
        const ended = await deps.db.tx(async (q) => {
          await setPassword(q, s.uid, request.body.newPassword);
          await recordAudit(q, userActor(s), 'user.password_change', s.uid);
          return deps.sessions.endAllOf(q, s.uid, 'password_changed', s.sid);
        });
        deps.sessions.announce(ended, 'password_changed');
        return { ok: true, endedSessions: ended.length };
      },
    );

    app.get(
      '/api/auth/sessions',
      { schema: { tags: ['auth'], summary: 'Your open logins', response: { 200: Type.Array(SessionInfoSchema) } }, preHandler: requireRole() },
      async (request) => deps.sessions.list(request.session!.uid, request.session!.sid),
    );

    app.delete(
      '/api/auth/sessions/:sessionId',
      {
        schema: {
          tags: ['auth'],
          summary: 'End one of your logins (another tablet, a forgotten screen)',
          params: Type.Object({ sessionId: Type.String({ maxLength: 64 }) }),
          response: { 200: EndedReplySchema },
        },
        preHandler: requireRole(),
      },
      async (request) => endOwnSession(deps, request.session!, request.params.sessionId),
    );

    app.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'Who am I', response: { 200: UserSchema } }, preHandler: requireRole() }, async (request) => {
      const s = request.session!;
      return { id: s.uid, username: s.username, role: s.role, teamId: s.teamId, unitId: s.unitId };
    });
  };
