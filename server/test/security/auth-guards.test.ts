import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { registerAuth, requireRole } from '../../src/plugins/external/auth.js';
import { registerErrorHandler } from '../../src/plugins/external/error-handler.js';
import { SessionTokens } from '../../src/plugins/app/users/session-tokens.js';

async function bareApp(register: (app: ReturnType<typeof Fastify>) => void) {
  const app = Fastify();
  await app.register(cookie);
  registerErrorHandler(app);
  registerAuth(app, new SessionTokens('test-secret', 1));
  register(app);
  await app.ready();
  return app;
}

describe('route guards', () => {
  it('refuses to start with an /api route that has no role guard', async () => {
    await expect(bareApp((app) => app.get('/api/forgotten', async () => ({ secret: true })))).rejects.toThrow(/GET \/api\/forgotten: every \/api route needs requireRole/);
  });

  it('runs a guard listed under preHandler at onRequest: 401 before the body is validated', async () => {
    const app = await bareApp((app) => app.post('/api/things', { schema: { body: Type.Object({ name: Type.String() }) }, preHandler: requireRole('admin') }, async () => ({ ok: true })));
    const res = await app.inject({ method: 'POST', url: '/api/things', payload: { wrong: 1 } });
    expect(res.statusCode).toBe(401);
    const token = new SessionTokens('test-secret', 1).sign({ uid: 'u', username: 'op', role: 'operator', teamId: null, unitId: null });
    const wrongRole = await app.inject({ method: 'POST', url: '/api/things', headers: { authorization: `Bearer ${token}` }, payload: { wrong: 1 } });
    expect(wrongRole.statusCode).toBe(403);
    await app.close();
  });
});
