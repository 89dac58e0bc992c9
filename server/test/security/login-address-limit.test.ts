import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/** Issue #14 finding 11b: password spraying (one address, many usernames) is limited per address. */
describe('login attempts per address', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const attempt = (app: TestApp, username: string, headers: Record<string, string> = {}) =>
    app.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { username, password: 'Spring2026!' } });

  it('stops many usernames from one address, and a made-up X-Forwarded-For does not help (no TRUST_PROXY)', async () => {
    t = await startTestApp({ config: { LOGIN_RATE_PER_ADDRESS_PER_MINUTE: 4 } });
    const statuses: number[] = [];
    // startTestApp's own admin login used the first of the four.
    for (let i = 0; i < 5; i++) statuses.push((await attempt(t, `user-${i}`, { 'x-forwarded-for': `10.0.${i}.1` })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const refused = await attempt(t, 'user-9');
    expect(refused.headers['retry-after']).toBeDefined();
    expect((refused.json() as { message: string }).message).toMatch(/from one address/);
    // another address has its own budget
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '192.0.2.7', payload: { username: 'x', password: 'y-password' } }))
        .statusCode,
    ).toBe(401);
  });

  it('behind a trusted proxy (TRUST_PROXY=1) counts the address the proxy saw, not what the client wrote before it', async () => {
    t = await startTestApp({ config: { LOGIN_RATE_PER_ADDRESS_PER_MINUTE: 3, TRUST_PROXY: '1' } });
    const statuses: number[] = [];
    // nginx appends the real peer (203.0.113.5) to whatever X-Forwarded-For the client sent
    for (let i = 0; i < 5; i++) statuses.push((await attempt(t, `user-${i}`, { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.5` })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // a different client behind the same proxy is not affected
    expect((await attempt(t, 'user-x', { 'x-forwarded-for': '203.0.113.6' })).statusCode).toBe(401);
  });
});
