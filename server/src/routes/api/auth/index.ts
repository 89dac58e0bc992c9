import { LoginReplySchema, LoginSchema, UserSchema } from '@lianfang/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../../core.js';
import { HttpError } from '../../../http-error.js';
import { SESSION_COOKIE, requireRole } from '../../../plugins/external/auth.js';
import { checkLogin } from '../../../plugins/app/users/user-repository.js';
import { loginAddressLimit } from './login-address-limit.js';

/** The username a login attempt is for, case-folded so `Admin` and `admin` share one budget. */
const loginName = (body: unknown) => String((body as { username?: unknown } | undefined)?.username ?? '').toLowerCase();

export const authRoutes = (core: Core): FastifyPluginAsyncTypebox => async (app) => {
  app.post('/api/auth/login', {
    schema: { tags: ['auth'], summary: 'Log in; returns a token and sets an HttpOnly session cookie', body: LoginSchema, response: { 200: LoginReplySchema } },
    // Brute force: a handful of tries per minute per username, whatever the address. Counted once the body is parsed
    // (at onRequest there is no username yet). Password spraying (many usernames, one address): a budget per address as well.
    onRequest: loginAddressLimit(app, core.config.LOGIN_RATE_PER_ADDRESS_PER_MINUTE),
    config: { rateLimit: { max: core.config.LOGIN_RATE_PER_MINUTE, timeWindow: 60_000, hook: 'preValidation', keyGenerator: (r) => `login|${loginName(r.body)}` } },
  }, async (request, reply) => {
    const user = await checkLogin(core.db, request.body.username, request.body.password);
    if (!user) throw new HttpError(401, 'username or password is wrong');
    const token = core.tokens.sign({ uid: user.id, username: user.username, role: user.role, teamId: user.teamId, unitId: user.unitId });
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https', maxAge: core.config.SESSION_HOURS * 3600 });
    return { token, user };
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'Clear the session cookie' } }, async (_request, reply) => {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'Who am I', response: { 200: UserSchema } }, preHandler: requireRole() }, async (request) => {
    const s = request.session!;
    return { id: s.uid, username: s.username, role: s.role, teamId: s.teamId, unitId: s.unitId };
  });
};
