import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postFix } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// Device ingest lives in its own Fastify context without the browser plugins (app.ts):
// this pins down what that must and must not change.
describe('device ingest context', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { INGEST_RATE_PER_SECOND: 5 } });
  });
  afterAll(async () => t?.close());

  it('still rate-limits each tracker on its own, with a 429 naming the limit', async () => {
    const now = Math.floor(Date.now() / 1000);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await postFix(t.app, 'flooding-tracker', 30, 120, now - 60 + i)).status);
    // Unknown tracker: 400 until the limit, then 429. The limit counts requests, not verdicts.
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429, 429]);
    const other = await postFix(t.app, 'another-tracker', 30, 120, now);
    expect(other.status).toBe(400);
    const limited = await t.app.inject({ method: 'GET', url: `/ingest/osmand?id=flooding-tracker&lat=30&lon=120&timestamp=${now}` });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ statusCode: 429 });
    expect(limited.headers['retry-after']).toBeDefined();
  });

  it('answers devices without the browser headers, and browsers with them', async () => {
    const device = await t.app.inject({ method: 'GET', url: `/ingest/osmand?id=header-probe&lat=30&lon=120&timestamp=${Math.floor(Date.now() / 1000)}` });
    expect(device.headers['content-security-policy']).toBeUndefined();
    expect(device.headers['set-cookie']).toBeUndefined();
    const browser = await t.app.inject('/healthz');
    expect(browser.headers['x-content-type-options']).toBe('nosniff');
    expect(String(browser.headers['content-security-policy'])).toContain("default-src 'self'");
    // The docs page is a browser page too.
    const docs = await t.app.inject('/docs/json');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a login token on device ingest and a device route in the browser context does not exist', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/ingest/alerts', headers: { authorization: `Bearer ${t.adminToken}` }, payload: { kind: 'sos' } });
    expect(res.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/ingest/osmand' })).statusCode).toBe(404);
  });
});
