import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

/** With the web app built, screens' paths get the page and programs' paths keep their JSON answers (issue 15). */
describe('the web app fallback', () => {
  let t: TestApp;
  let webDist: string;
  beforeAll(async () => {
    webDist = mkdtempSync(join(tmpdir(), 'lf-web-dist-'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>联防</title>');
    t = await startTestApp({ config: { WEB_DIST: webDist } });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it("serves the page on the screens' paths", async () => {
    for (const url of ['/wall', '/tablet', '/admin', '/analytics/incidents/abc']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
    }
  });

  it('answers an unknown API or ingest path with a JSON 404, logged in or not', async () => {
    for (const url of ['/api/nonexistent', '/api/units/x/y', '/api/ingest/osmand', '/ingest/nothing', '/socket.io-not']) {
      const res = await t.app.inject({ url, headers: { authorization: `Bearer ${t.adminToken}` } });
      if (url === '/socket.io-not') {
        expect(res.statusCode, url).toBe(200);
        continue;
      }
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
  });
});
