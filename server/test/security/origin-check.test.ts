import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestApp, type TestApp } from '../helpers/test-app.js';

const INCIDENT = { category: 'dispute', priority: 'P3', title: 'origin check', lat: 31.2, lon: 121.4 };

/** Issue #14 finding 11a: cookie-authenticated writes and socket handshakes must come from our own pages. */
describe('cross-site requests', () => {
  let t: TestApp;
  let token = '';
  beforeAll(async () => {
    t = await startTestApp({ config: { PUBLIC_ORIGIN: 'https://wall.example.org' } });
    token = await login(t.app, 'admin', 'test-admin-password');
  });
  afterAll(async () => {
    await t?.close();
  });

  const cookiePost = (headers: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      cookies: { lf_session: token },
      headers: { host: 'lianfang.internal:8080', ...headers },
      payload: INCIDENT,
    });

  it('refuses a cookie POST from another origin with 403 naming it', async () => {
    const res = await cookiePost({ origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect((res.json() as { message: string }).message).toContain('https://evil.example');
    // the same via Referer when Origin is missing, and a request that names no origin at all
    expect((await cookiePost({ referer: 'https://evil.example/page' })).statusCode).toBe(403);
    const bare = await cookiePost({});
    expect(bare.statusCode).toBe(403);
    expect((bare.json() as { message: string }).message).toMatch(/Origin or Referer/);
    // "null" (a sandboxed frame) and another port of the same host are other origins too
    expect((await cookiePost({ origin: 'null' })).statusCode).toBe(403);
    expect((await cookiePost({ origin: 'http://lianfang.internal:9999' })).statusCode).toBe(403);
  });

  it('lets a same-origin cookie POST through, by Origin or by Referer, and one from PUBLIC_ORIGIN', async () => {
    expect((await cookiePost({ origin: 'http://lianfang.internal:8080' })).statusCode).toBe(201);
    expect((await cookiePost({ referer: 'http://lianfang.internal:8080/wall' })).statusCode).toBe(201);
    expect((await cookiePost({ origin: 'https://wall.example.org' })).statusCode).toBe(201);
  });

  it('exempts Bearer tokens (no cookie, not CSRF-able) and reads (GET)', async () => {
    const bearer = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: { authorization: `Bearer ${token}` }, payload: INCIDENT });
    expect(bearer.statusCode).toBe(201);
    const read = await t.app.inject({ method: 'GET', url: '/api/state', cookies: { lf_session: token }, headers: { origin: 'https://evil.example' } });
    expect(read.statusCode).toBe(200);
  });

  /** Resolves 'connected' or the connect_error's message. */
  function handshake(headers: Record<string, string>): Promise<string> {
    const socket = io(t.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, auth: { token }, extraHeaders: headers });
    return new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (err) => resolve(`refused: ${err.message}`));
    }).finally(() => socket.close());
  }

  it('refuses a socket handshake from a foreign page, and allows our own pages and non-browser clients', async () => {
    expect(await handshake({ origin: 'https://evil.example' })).toMatch(/^refused/);
    expect(await handshake({ origin: t.url })).toBe('connected');
    expect(await handshake({ origin: 'https://wall.example.org' })).toBe('connected');
    expect(await handshake({})).toBe('connected');
  });
});
