import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@lianfang/shared';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { ALL, ROUTE_POLICY, isDocsRoute } from './access-policy.js';
import { loginEveryRole, type RoleLogins } from './role-fixtures.js';

/** Every registered route, from the running app itself (HEAD twins and the web app's catch-all aside). */
function routesOf(t: TestApp): { method: string; url: string }[] {
  return t.app.registeredRoutes.filter((r) => r.method !== 'HEAD' && r.url !== '/*' && !isDocsRoute(r.url));
}

describe('route and role matrix', () => {
  let t: TestApp;
  let who: RoleLogins;
  beforeAll(async () => {
    t = await startTestApp();
    who = await loginEveryRole(t);
  });
  afterAll(async () => t?.close());

  const call = (method: string, url: string, authorization?: string) => {
    const path = url
      .replace(':unitId', who.captainUnit.id)
      .replace(':id', url.startsWith('/api/units') ? who.captainUnit.id : 'no-such-incident')
      .replace(':planId', 'no-such-plan')
      .replace(':index', '0');
    return t.app.inject({
      method: method as 'GET' | 'POST' | 'HEAD',
      url: path,
      headers: authorization ? { authorization } : {},
      ...(method === 'POST' ? { payload: {} } : {}),
    });
  };

  it('knows every registered route, and every route it knows is registered', () => {
    const registered = routesOf(t).map((r) => `${r.method} ${r.url}`);
    expect(registered.length).toBeGreaterThan(40);
    expect(
      registered.filter((k) => !(k in ROUTE_POLICY)),
      'routes without a policy in test/security/access-policy.ts',
    ).toEqual([]);
    expect(
      Object.keys(ROUTE_POLICY).filter((k) => !registered.includes(k)),
      'policies for routes that do not exist',
    ).toEqual([]);
  });

  it('refuses every operator route without a login (401), before looking at the input', async () => {
    const open: string[] = [];
    for (const r of routesOf(t)) {
      const policy = ROUTE_POLICY[`${r.method} ${r.url}`];
      if (!Array.isArray(policy)) continue;
      const res = await call(r.method, r.url);
      if (res.statusCode !== 401) open.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(open).toEqual([]);
  });

  it('refuses the HEAD twins of operator GET routes without a login too', async () => {
    const heads = t.app.registeredRoutes.filter((r) => r.method === 'HEAD' && Array.isArray(ROUTE_POLICY[`GET ${r.url}`]));
    expect(heads.length).toBeGreaterThan(20);
    const open = [];
    for (const r of heads) {
      const status = (await call('HEAD', r.url)).statusCode;
      if (status !== 401) open.push(`HEAD ${r.url} → ${status}`);
    }
    expect(open).toEqual([]);
  });

  it('refuses a forged or expired token like no token', async () => {
    const [body] = t.adminToken.split('.');
    const { sid } = JSON.parse(Buffer.from(body!, 'base64url').toString()) as { sid: string };
    const expired = t.app.core.sessions.tokens.sign({ sid, exp: Date.now() - 3600_000 });
    const forged = `${Buffer.from(JSON.stringify({ sid: 'someone-else', exp: Date.now() + 3600_000 })).toString('base64url')}.${t.adminToken.split('.')[1]}`;
    for (const token of [expired, forged, `${body}.AAAA`, 'garbage']) {
      expect((await call('GET', '/api/users', `Bearer ${token}`)).statusCode, token).toBe(401);
    }
  });

  it('refuses the wrong role (403) and lets the right roles past the guard', async () => {
    const wrong: string[] = [];
    for (const r of routesOf(t)) {
      const policy = ROUTE_POLICY[`${r.method} ${r.url}`];
      if (!Array.isArray(policy)) continue;
      for (const role of ALL) {
        const status = (await call(r.method, r.url, `Bearer ${who.tokens[role]}`)).statusCode;
        const allowed = policy.includes(role);
        if (allowed ? status === 401 || status === 403 : status !== 403) wrong.push(`${role} ${r.method} ${r.url} → ${status} (allowed: ${allowed})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('never takes a device key as a user login', async () => {
    const accepted: string[] = [];
    for (const r of routesOf(t)) {
      if (!Array.isArray(ROUTE_POLICY[`${r.method} ${r.url}`])) continue;
      const status = (await call(r.method, r.url, `Bearer ${who.deviceKey}`)).statusCode;
      if (status !== 401) accepted.push(`${r.method} ${r.url} → ${status}`);
    }
    expect(accepted).toEqual([]);
    const cookie = await t.app.inject({ url: '/api/state', cookies: { lf_session: who.deviceKey } });
    expect(cookie.statusCode).toBe(401);
  });

  it('takes alerts only with a device key, never with a user token', async () => {
    const body = { kind: 'panic' };
    const post = (authorization?: string) =>
      t.app.inject({ method: 'POST', url: '/ingest/alerts', headers: authorization ? { authorization } : {}, payload: body });
    expect((await post()).statusCode).toBe(401);
    for (const role of ['admin', 'operator', 'captain', 'manager'] as Role[]) {
      const res = await post(`Bearer ${who.tokens[role]}`);
      expect(res.statusCode, role).toBe(401);
    }
    expect((await post(`Bearer ${who.deviceKey}`)).statusCode).toBe(202);
    // No key and a bad body: still "who are you", not a description of the body.
    const bad = await t.app.inject({ method: 'POST', url: '/ingest/alerts', payload: { kind: 'nonsense' } });
    expect(bad.statusCode).toBe(401);
  });
});
