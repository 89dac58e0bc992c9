import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postFix } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

describe('operations surface', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('reports health, readiness and Prometheus metrics that count what happened', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).json()).toMatchObject({ status: 'ready', database: true, eventLog: true, logKind: 'memory' });
    await postFix(t.app, 'nobody', 30, 120, Math.floor(Date.now() / 1000));
    const metrics = (await t.app.inject('/metrics')).body;
    expect(metrics).toMatch(/lianfang_ingest_rejected_total\{route="osmand",reason="unknown_tracker"\} 1/);
    expect(metrics).toMatch(/lianfang_connected_clients 0/);
  });

  it('describes every route in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/docs/json')).json() as { paths: Record<string, object> };
    for (const path of [
      '/api/auth/login',
      '/api/units',
      '/api/units/{id}/status',
      '/api/devices',
      '/api/users',
      '/api/incidents',
      '/api/incidents/{id}',
      '/api/state',
      '/tiles/{z}/{x}/{y}',
      '/map/style.json',
      '/ingest/osmand',
      '/ingest/alerts',
      '/healthz',
      '/readyz',
      '/metrics',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
  });

  it('sets security headers', async () => {
    const res = await t.app.inject('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
  });
});
