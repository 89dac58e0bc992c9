import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const cspOf = (headers: Record<string, unknown>) => String(headers['content-security-policy']);
const connectSrc = (headers: Record<string, unknown>) =>
  cspOf(headers)
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('connect-src'));

/** Issue #14 findings 11d (HSTS over plain HTTP), 11e (CSP connect-src to any ws: host), 11f (/metrics token). */
describe('security headers and the metrics token, default settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends no HSTS over plain HTTP, and ignores X-Forwarded-Proto from an untrusted peer', async () => {
    expect((await t.app.inject({ url: '/healthz' })).headers['strict-transport-security']).toBeUndefined();
    expect((await t.app.inject({ url: '/healthz', headers: { 'x-forwarded-proto': 'https' } })).headers['strict-transport-security']).toBeUndefined();
  });

  it("lets the page connect only to its own origin ('self'), not to any ws: or wss: host", async () => {
    expect(connectSrc((await t.app.inject({ url: '/healthz' })).headers)).toBe("connect-src 'self'");
  });

  it('serves /metrics without a token when METRICS_TOKEN is unset', async () => {
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(200);
  });
});

describe('security headers and the metrics token, behind a TLS proxy with PUBLIC_ORIGIN and METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { TRUST_PROXY: '1', PUBLIC_ORIGIN: 'https://wall.example.org', METRICS_TOKEN: 'scrape-token-1234' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends HSTS when the trusted proxy says the request came over HTTPS', async () => {
    const res = await t.app.inject({ url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect((await t.app.inject({ url: '/healthz', headers: { 'x-forwarded-proto': 'http' } })).headers['strict-transport-security']).toBeUndefined();
  });

  it('adds the ws/wss form of each PUBLIC_ORIGIN to connect-src', async () => {
    expect(connectSrc((await t.app.inject({ url: '/healthz' })).headers)).toBe("connect-src 'self' wss://wall.example.org");
  });

  it('answers /metrics 401 without the token or with a wrong one, 200 with it', async () => {
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
    const ok = await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer scrape-token-1234' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('lianfang_');
  });
});
