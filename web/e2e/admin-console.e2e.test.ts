import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { builtWeb } from './support/built-web';
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
    webDist = builtWeb();
    server = await startServer(webDist, { DEMO_ALERT_EVERY_SECONDS: '0', DEMO_UNITS: '4' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function adminOnConsole(): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await logIn(page, server.baseUrl, 'admin', server.adminPassword, '/wall');
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

  it("an admin brings in last year's cases from a GB18030 spreadsheet: check, fix, import, and the dashboard counts them", async () => {
    const admin = await adminOnConsole();
    const units = await admin.evaluate(async () => (await (await fetch('/api/units')).json()) as { callsign: string }[]);
    const [a, b] = units.map((u) => u.callsign);
    // two past cases as the old system exports them: Chinese headers, local times, one row per unit sent
    const sheet = (arrivedB: string) =>
      iconv.encode(
        [
          '案件编号,类别,级别,纬度,经度,接警时间,处置完毕时间,处置结果,呼号,派警时间,出发时间,到场时间',
          `OLD-1,dispute,P2,31.0005,121.0005,2025-03-04 09:00:00,2025-03-04 09:40:00,mediated,${a},2025-03-04 09:01:00,2025-03-04 09:01:30,2025-03-04 09:06:00`,
          `OLD-1,dispute,P2,,,,,,${b},2025-03-04 09:01:10,2025-03-04 09:02:00,${arrivedB}`,
          `OLD-2,traffic,P3,31.0010,121.0010,2025/3/4 21:15,2025/3/4 21:50,solved_on_site,${a},2025/3/4 21:16,2025/3/4 21:17,2025/3/4 21:25`,
        ].join('\r\n'),
        'gb18030',
      );
    await admin.click('[data-testid=tab-imports]');
    await admin.selectOption('[data-testid=import-kind]', 'incidents');
    const choose = async (bytes: Buffer) => {
      await admin.setInputFiles('[data-testid=import-file]', { name: '去年案件.csv', mimeType: 'text/csv', buffer: bytes });
      await admin.click('[data-testid=import-check]');
      await admin.waitForSelector('[data-testid=import-report]');
    };

    // a mistake on row 3: named by its Chinese column, nothing written, no import button
    await choose(sheet('明天'));
    await admin.waitForSelector('[data-testid=import-rows] tr[data-action=reject]');
    expect(await admin.textContent('[data-testid=import-count-reject] .n')).toBe('1');
    expect(await admin.textContent('[data-testid=import-rows] tr[data-action=reject]')).toContain('到场时间');
    expect(await admin.textContent('[data-testid=import-rows] tr[data-action=reject]')).toContain('第 3 行：「明天」不是时间');
    expect(await admin.textContent('[data-testid=import-report]')).toContain('gb18030');
    expect(await admin.$('[data-testid=import-apply]')).toBeNull();
    await admin.screenshot({ path: join(ARTIFACTS_DIR, 'admin-history-refused.png') });

    // fixed: the check passes, the import writes both cases
    await choose(sheet('2025-03-04 09:05:00'));
    expect(await admin.textContent('[data-testid=import-count-create] .n')).toBe('2');
    await admin.click('[data-testid=import-apply]');
    await admin.waitForSelector('[data-testid=import-report][data-applied=true]');
    expect(await admin.textContent('[data-testid=import-outcome]')).toContain('已导入：新建 2 个，更新 0 个');
    expect(await admin.getAttribute('[data-testid=import-outcome] a', 'href')).toBe('/analytics');
    await admin.screenshot({ path: join(ARTIFACTS_DIR, 'admin-history-applied.png') });

    // the same file again changes nothing
    await choose(sheet('2025-03-04 09:05:00'));
    expect(await admin.textContent('[data-testid=import-count-unchanged] .n')).toBe('2');

    // the manager's figures for that day: 2 received, both arrived (B first: 4 min on OLD-1; OLD-2 after 10 min)
    await admin.goto(`${server.baseUrl}/analytics?from=2025-03-04&to=2025-03-04`);
    await admin.waitForSelector('[data-testid=analytics-dashboard][data-loading=false] [data-testid=kpi-tiles]');
    expect(await admin.textContent('[data-testid=kpi-received]')).toBe('2');
    expect(await admin.textContent('[data-testid=kpi-within-five]')).toBe('50.0%');
    await admin.context().close();
  });

  it('an admin brings in the roster from a spreadsheet: new units are created, a known one updated, and both show where they are used', async () => {
    const admin = await adminOnConsole();
    const before = await admin.evaluate(async () => (await (await fetch('/api/units')).json()) as { callsign: string; mode: string }[]);
    const known = before[0]!;
    const otherMode = known.mode === 'car' ? 'foot' : 'car';
    const roster = iconv.encode(
      [
        '呼号,力量类别,巡逻方式,队伍,终端标识',
        `${known.callsign},police,${otherMode},,`,
        '夜巡01,volunteer,bike,,',
        '夜巡02,volunteer,foot,,night-phone-02',
      ].join('\r\n'),
      'gb18030',
    );
    await admin.click('[data-testid=tab-imports]');
    await admin.waitForSelector('[data-testid=imports-tab][data-kind=units]');
    await admin.setInputFiles('[data-testid=import-file]', { name: '名册.csv', mimeType: 'text/csv', buffer: roster });
    await admin.click('[data-testid=import-check]');
    await admin.waitForSelector('[data-testid=import-report]');
    expect(await admin.textContent('[data-testid=import-count-create] .n')).toBe('2');
    expect(await admin.textContent('[data-testid=import-count-update] .n')).toBe('1');
    await admin.click('[data-testid=import-apply]');
    await admin.waitForSelector('[data-testid=import-report][data-applied=true]');
    expect(await admin.textContent('[data-testid=import-outcome]')).toContain('新建 2 个，更新 1 个');
    await admin.screenshot({ path: join(ARTIFACTS_DIR, 'admin-roster-import.png') });
    // the new units are in the tracker list, 夜巡02 with its phone already bound
    await admin.click('[data-testid=tab-trackers]');
    await admin.waitForSelector('tr[data-unit="夜巡02"]');
    expect(await admin.textContent('tr[data-unit="夜巡02"]')).toContain('已绑定');
    expect(await admin.textContent('tr[data-unit="夜巡01"]')).toContain('未绑定');
    const after = await admin.evaluate(async () => (await (await fetch('/api/units')).json()) as { callsign: string; mode: string }[]);
    expect(after.find((u) => u.callsign === known.callsign)?.mode).toBe(otherMode);
    expect(after.length).toBe(before.length + 2);
    await admin.context().close();
  });
});
