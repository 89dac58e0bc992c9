import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { registerAuth } from '../../src/transport/http/auth.js';
import { requireRole } from '../../src/modules/users-auth/require-role.js';
import { registerErrorHandler } from '../../src/transport/http/error-handler.js';
import { SessionTokens } from '../../src/modules/users-auth/session-tokens.js';

async function bareApp(register: (app: ReturnType<typeof Fastify>) => void) {
  const app = Fastify();
  await app.register(cookie);
  registerErrorHandler(app);
  // The signature alone stands for a session here: these tests are about the guards, not the session store.
  const tokens = new SessionTokens('test-secret');
  registerAuth(app, {
    resolve: async (token) => {
      const claims = tokens.verify(token);
      return claims ? { sid: claims.sid, uid: 'u', username: 'op', role: 'operator', teamId: null, unitId: null, exp: claims.exp } : null;
    },
  });
  register(app);
  await app.ready();
  return app;
}

describe('route guards', () => {
  it('refuses to start with an /api route that has no role guard', async () => {
    await expect(bareApp((app) => app.get('/api/forgotten', async () => ({ secret: true })))).rejects.toThrow(
      /GET \/api\/forgotten: every \/api route needs requireRole/,
    );
  });

  it('runs a guard listed under preHandler at onRequest: 401 before the body is validated', async () => {
    const app = await bareApp((app) =>
      app.post('/api/things', { schema: { body: Type.Object({ name: Type.String() }) }, preHandler: requireRole('admin') }, async () => ({ ok: true })),
    );
    const res = await app.inject({ method: 'POST', url: '/api/things', payload: { wrong: 1 } });
    expect(res.statusCode).toBe(401);
    const token = new SessionTokens('test-secret').sign({ sid: 's', exp: Date.now() + 3600_000 });
    const wrongRole = await app.inject({ method: 'POST', url: '/api/things', headers: { authorization: `Bearer ${token}` }, payload: { wrong: 1 } });
    expect(wrongRole.statusCode).toBe(403);
    await app.close();
  });
});
