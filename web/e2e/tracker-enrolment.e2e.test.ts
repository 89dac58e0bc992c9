import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { builtWeb } from './support/built-web';
import { ARTIFACTS_DIR } from './support/paths';
import { startServer, type RunningServer } from './support/server-process';
import { logIn } from './support/wall-page';

describe('tracker enrolment (issue 19; production build, real server, Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let webDist = '';

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    webDist = builtWeb();
    server = await startServer(webDist, { DEMO_ALERT_EVERY_SECONDS: '0', DEMO_UNITS: '2' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('接入 shows the QR code and settings; a fix with that id shows 已收到定位 with its time', async () => {
    // A new unit with a tracker id and no fix yet.
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: server.adminPassword }),
    });
    const { token } = (await login.json()) as { token: string };
    const created = await fetch(`${server.baseUrl}/api/units`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ callsign: '接入测试01', force: 'volunteer', mode: 'foot', trackerId: 'enrol-e2e-0001' }),
    });
    expect(created.status).toBe(201);

    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
    await logIn(page, server.baseUrl, 'admin', server.adminPassword, '/wall');
    await page.waitForURL('**/wall');
    await page.goto(`${server.baseUrl}/admin`);
    await page.click('[data-testid=tab-trackers]');
    const row = page.locator('[data-testid=trackers-tab] tr[data-unit="接入测试01"]');
    await row.locator('[data-testid=open-enrolment]').click();
    await page.waitForSelector('[data-testid=enrol-waiting]');

    const qr = page.locator('[data-testid=enrol-qr]');
    await qr.waitFor();
    const content = (await qr.getAttribute('data-content'))!;
    const url = new URL(content);
    expect(url.pathname).toBe('/ingest/osmand');
    expect(url.searchParams.get('id')).toBe('enrol-e2e-0001');
    expect(url.searchParams.get('interval')).toBe('10');
    expect(await page.locator('[data-testid=enrol-device-id]').textContent()).toBe('enrol-e2e-0001');
    expect(await page.locator('[data-testid=enrol-server-url]').textContent()).toBe(`${server.baseUrl}/ingest/osmand`);

    // The phone reports, with what the QR code holds.
    const at = new Date(Date.now() - 5000);
    const res = await fetch(`${url.origin}${url.pathname}?id=${url.searchParams.get('id')}&lat=32.0412&lon=118.7791&timestamp=${at.getTime()}`);
    expect(res.status).toBe(200);
    const received = page.locator('[data-testid=enrol-last-fix]');
    await received.waitFor();
    const text = (await received.textContent())!;
    expect(text).toContain('已收到定位');
    expect(text).toContain(at.toLocaleTimeString('zh-CN', { hour12: false }).slice(0, 5));
    expect(text).toContain('32.04120, 118.77910');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'admin-enrolment.png') });
    await page.context().close();
  });
});
