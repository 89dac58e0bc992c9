import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { buildWeb } from './support/build-web';
import { ARTIFACTS_DIR } from './support/paths';
import { startServer, type RunningServer } from './support/server-process';
import { logIn } from './support/wall-page';

/** A fix from a phone tracker, as Traccar Client sends it. */
async function fix(baseUrl: string, trackerId: string, lat: number, lon: number): Promise<number> {
  const res = await fetch(`${baseUrl}/ingest/osmand?id=${encodeURIComponent(trackerId)}&lat=${lat}&lon=${lon}&timestamp=${Date.now()}`);
  return res.status;
}

describe('administration console: logins and trackers (issue 14; production build, real server, Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let webDist = '';

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    webDist = await buildWeb();
    server = await startServer(webDist, { DEMO_ALERT_EVERY_SECONDS: '0', DEMO_UNITS: '4' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (webDist) rmSync(webDist, { recursive: true, force: true });
  });

  async function adminOnConsole(): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await logIn(page, server.baseUrl, 'admin', server.adminPassword);
    await page.waitForURL('**/wall');
    await page.click('[data-testid=nav-admin]');
    await page.waitForURL('**/admin');
    await page.waitForSelector('[data-testid=users-tab] tr[data-user=operator]');
    return page;
  }

  it("an admin ends an operator's login from the console: the operator's wall goes back to the login page", async () => {
    const operator = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await logIn(operator, server.baseUrl, 'operator', 'operator-demo');
    await operator.waitForURL('**/wall');
    await operator.waitForSelector('[data-testid=connection-state][data-state=live]');

    const admin = await adminOnConsole();
    const row = admin.locator('tr[data-user=operator]');
    await row.locator('[data-testid=view-sessions]').click();
    await admin.waitForSelector('[data-testid=end-all-sessions]:not([disabled])');
    await admin.screenshot({ path: join(ARTIFACTS_DIR, 'admin-sessions.png') });
    await admin.click('[data-testid=end-all-sessions]');
    await admin.waitForSelector('[data-testid=end-all-sessions][disabled]');

    // the socket is told, the screen returns to the login page, and the old token is refused
    await operator.waitForURL('**/login*', { timeout: 15_000 });
    const still = await operator.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(still).toBe(401);
    await admin.context().close();
    await operator.context().close();
  });

  it('an admin enrols a new tracker id on screen; the old id stops moving the unit and the new one does', async () => {
    const admin = await adminOnConsole();
    await admin.click('[data-testid=tab-trackers]');
    const row = admin
      .locator('[data-testid=trackers-tab] tr')
      .filter({ has: admin.locator('[data-testid=enrol-tracker]') })
      .first();
    await row.locator('[data-testid=reveal-tracker]').click();
    const before = (await row.locator('[data-testid=tracker-id]').textContent())!.trim();
    expect(before).toMatch(/^lf-/);
    expect(await fix(server.baseUrl, before, 32.04, 118.78)).toBe(200);

    await row.locator('[data-testid=enrol-tracker]').click();
    await admin.click('[data-testid=confirm-ok]');
    await admin.waitForFunction((old) => [...document.querySelectorAll('[data-testid=tracker-id]')].every((e) => e.textContent?.trim() !== old), before);
    await row
      .locator('[data-testid=reveal-tracker]')
      .click()
      .catch(() => undefined);
    const after = (await row.locator('[data-testid=tracker-id]').textContent())!.trim();
    await admin.screenshot({ path: join(ARTIFACTS_DIR, 'admin-trackers.png') });
    expect(after).not.toBe(before);
    expect(after).not.toContain('•');
    expect(await fix(server.baseUrl, before, 32.04, 118.78)).toBe(400);
    expect(await fix(server.baseUrl, after, 32.04, 118.78)).toBe(200);
    await admin.context().close();
  });

  it('a captain changes their own password on the account page; the old password no longer logs in', async () => {
    const captain = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await logIn(captain, server.baseUrl, 'captain', 'captain-demo');
    await captain.waitForURL('**/tablet');
    await captain.click('[data-testid=nav-account]');
    await captain.waitForURL('**/account');
    const form = captain.locator('[data-testid=change-password]');
    const inputs = form.locator('input[type=password]');
    await inputs.nth(0).fill('captain-demo');
    await inputs.nth(1).fill('captain-new-pass');
    await inputs.nth(2).fill('captain-new-pass');
    await inputs.nth(2).press('Enter');
    await captain.waitForSelector('[data-testid=password-message]');
    await captain.screenshot({ path: join(ARTIFACTS_DIR, 'account-password.png') });
    const login = (password: string) =>
      fetch(`${server.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'captain', password }),
      }).then((r) => r.status);
    expect(await login('captain-demo')).toBe(401);
    expect(await login('captain-new-pass')).toBe(200);
    await captain.context().close();
  });
});
