import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eApi } from './support/api-client';
import { launchChromium } from './support/browser';
import { builtWeb } from './support/built-web';
import { focusIs } from './support/call-intake-steps';
import { ARTIFACTS_DIR } from './support/paths';
import { startServer, type RunningServer } from './support/server-process';
import { logIn } from './support/wall-page';

const NANJING = fileURLToPath(new URL('../../../shared/osm/nanjing-xinjiekou.osm.pbf', import.meta.url));
const present = existsSync(NANJING);
if (!present) console.warn(`[e2e] SKIPPED place search: ${NANJING} not found — it needs the ../shared/osm folder beside the checkout.`);

/** Where the place marker is drawn, against the middle of the map's area (px). */
function markerOffsetFromMapCentre(page: Page) {
  return page.evaluate(() => {
    const marker = document.querySelector('[data-testid=place-marker]');
    const area = document.querySelector('[data-testid=map]');
    if (!marker || !area) return null;
    const m = marker.getBoundingClientRect();
    const a = area.getBoundingClientRect();
    return { dx: m.left + m.width / 2 - (a.left + a.width / 2), dy: m.top + m.height / 2 - (a.top + a.height / 2) };
  });
}

/**
 * Place search (issue 18) on the Nanjing Xinjiekou extract, production build, real server, Chromium at
 * 1920×1080: "/" focuses the wall's search, the keyboard picks a result and the map flies there; the
 * call-taking form sets a call's location by the same search.
 */
describe.runIf(present)('place search on the wall (Nanjing extract)', () => {
  let server: RunningServer;
  let browser: Browser;
  let wall: Page;
  let webDist = '';
  let api: E2eApi;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    webDist = builtWeb();
    server = await startServer(webDist, { ROAD_NETWORK: NANJING, DEMO_ALERT_EVERY_SECONDS: '0' });
    browser = await launchChromium();
    api = new E2eApi(server.baseUrl);
    await api.login('admin', server.adminPassword);
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    wall = await context.newPage();
    await logIn(wall, server.baseUrl, 'admin', server.adminPassword, '/wall');
    await wall.waitForURL('**/wall');
    await wall.waitForSelector('[data-testid=connection-state][data-state=live]');
  }, 480_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('"/" focuses the search; zsdl, ↓ ↑ Enter picks 中山东路 and the map flies there', async () => {
    await wall.locator('body').focus();
    await wall.keyboard.press('/');
    await focusIs(wall, 'wall-place-search-input');
    await wall.keyboard.type('zsdl');
    await wall.waitForFunction(() => document.querySelectorAll('[data-testid=wall-place-search-result]').length > 1, undefined, { timeout: 15_000 });
    const first = await wall.textContent('[data-testid=wall-place-search-result] >> nth=0');
    expect(first).toContain('中山东路');
    expect(first).toContain('街道');
    await wall.keyboard.press('ArrowDown');
    expect(await wall.getAttribute('[data-testid=wall-place-search-result] >> nth=1', 'aria-selected')).toBe('true');
    await wall.keyboard.press('ArrowUp');
    expect(await wall.getAttribute('[data-testid=wall-place-search-result] >> nth=0', 'aria-selected')).toBe('true');
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'place-search-1920x1080-results.png') });
    await wall.keyboard.press('Enter');
    await wall.waitForSelector('[data-testid=place-marker]', { timeout: 10_000 });
    // The flight ends with the picked street in the middle of the map.
    await wall.waitForFunction(
      () => {
        const marker = document.querySelector('[data-testid=place-marker]')?.getBoundingClientRect();
        const area = document.querySelector('[data-testid=map]')?.getBoundingClientRect();
        if (!marker || !area) return false;
        return (
          Math.abs(marker.left + marker.width / 2 - (area.left + area.width / 2)) < 20 &&
          Math.abs(marker.top + marker.height / 2 - (area.top + area.height / 2)) < 20
        );
      },
      undefined,
      { timeout: 15_000, polling: 100 },
    );
    const offset = await markerOffsetFromMapCentre(wall);
    expect(Math.abs(offset!.dx)).toBeLessThan(20);
    expect(Math.abs(offset!.dy)).toBeLessThan(20);
    // …and the map looks at 中山东路: it runs east from the Xinjiekou roundabout (32.0431, 118.7789) along ≈ 32.043 N.
    const centre = await wall.evaluate(() => window.lianfangMap!.getCenter());
    expect(Math.abs(centre.lat - 32.0431)).toBeLessThan(0.001);
    expect(centre.lng).toBeGreaterThan(118.779);
    expect(centre.lng).toBeLessThan(118.8);
    // The list is gone, the name stays, and the keyboard is the wall's again.
    expect(await wall.locator('[data-testid=wall-place-search-result]').count()).toBe(0);
    expect(await wall.inputValue('[data-testid=wall-place-search-input]')).toBe('中山东路');
    expect(await wall.evaluate(() => document.activeElement?.tagName)).not.toBe('INPUT');
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'place-search-1920x1080-flown.png') });
  });

  it('the call-taking form sets the call’s location by the same search', async () => {
    await wall.locator('body').focus();
    await wall.keyboard.press('n');
    await focusIs(wall, 'intake-category');
    await wall.keyboard.press('2');
    await wall.keyboard.press('Tab'); // priority
    await wall.keyboard.press('Tab');
    await focusIs(wall, 'intake-place-search-input');
    await wall.keyboard.type('新街口');
    await wall.waitForFunction(() => document.querySelectorAll('[data-testid=intake-place-search-result]').length > 0, undefined, { timeout: 15_000 });
    expect(await wall.textContent('[data-testid=intake-place-search-result] >> nth=0')).toContain('新街口');
    await wall.keyboard.press('Enter');
    // Enter picked the place; it did not submit the form.
    expect(await wall.locator('[data-testid=call-intake]').count()).toBe(1);
    await wall.waitForFunction(() => ((document.querySelector('[data-testid=intake-coords]') as HTMLInputElement | null)?.value ?? '') !== '', undefined, {
      timeout: 5000,
    });
    const coords = (await wall.inputValue('[data-testid=intake-coords]')).split(',').map((v) => Number(v.trim()));
    // 新街口 (the square and the metro station) is at 32.0431 N, 118.7789 E, checked by hand.
    expect(Math.abs(coords[0]! - 32.0431)).toBeLessThan(0.002);
    expect(Math.abs(coords[1]! - 118.7789)).toBeLessThan(0.002);
    expect(await wall.inputValue('[data-testid=intake-address]')).toBe('新街口');
    await wall.waitForSelector('[data-testid=intake-pin]');
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'place-search-1920x1080-call-intake.png') });
  });

  it('an alert on 中山东路 shows its street and crossing on the banner and in the queue', async () => {
    // Close the call form of the previous test without creating anything.
    await wall.keyboard.press('Escape');
    await wall.keyboard.press('Escape');
    await wall.waitForFunction(() => document.querySelector('[data-testid=call-intake]') === null, undefined, { timeout: 5000 });
    const device = await api.call<{ id: string; key: string }>('POST', '/api/devices', { name: '中山东路商户报警器', kind: 'alert_gateway' });
    // On 中山东路 by the mouth of 西祠堂巷 (checked by hand; the server tests expect the same words).
    const raised = await api.call<{ incidentId: string }>('POST', '/ingest/alerts', { kind: 'panic', lat: 32.04325, lon: 118.785 }, device.key);
    await wall.waitForSelector(`[data-testid=alert-banner][data-incident-id="${raised.incidentId}"]`, { timeout: 15_000 });
    const banner = await wall.textContent('[data-testid=alert-banner] .place');
    expect(banner).toMatch(/^中山东路 · 中山东路与西祠堂巷交叉口附近/);
    await wall.waitForFunction(
      (words) => document.querySelector('[data-testid=incident-queue]')?.textContent?.includes(words) ?? false,
      '中山东路与西祠堂巷交叉口附近',
      {
        timeout: 10_000,
      },
    );
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'place-search-1920x1080-alert-location.png') });
  });

  it('an administrator edits the flood plan in the console: a new version, listed with its author', async () => {
    const console = await wall.context().newPage();
    await console.goto(`${server.baseUrl}/admin`);
    await console.click('[data-testid=tab-plans]');
    await console.click('[data-testid="plan-item-防汛应急预案"]');
    await console.fill('[data-testid=plan-mix-police]', '3');
    await console.click('[data-testid=plan-add-task]');
    const row = console.locator('[data-testid=plan-task-5]');
    await row.locator('input >> nth=0').fill('开放应急避难场所并登记');
    await row.locator('input >> nth=1').fill('社区');
    await console.click('[data-testid=plan-save]');
    await console.waitForSelector('[data-testid=plan-note]:has-text("已保存为第 2 版")', { timeout: 10_000 });
    // Saved: nothing left unsaved, nothing to save again.
    expect(await console.isDisabled('[data-testid=plan-save]')).toBe(true);
    await console.waitForFunction(() => document.querySelectorAll('[data-testid=plan-versions] li').length === 2, undefined, { timeout: 10_000 });
    const latest = (await console.textContent('[data-testid=plan-versions] li >> nth=0'))!.replace(/\s+/g, ' ');
    expect(latest).toMatch(/第 2 版 · admin · .* — 公安 3 · 志愿者 4 · 消防 1 · 城管 2 · 处置清单 6 项/);
    await console.setViewportSize({ width: 1920, height: 1080 });
    await console.screenshot({ path: join(ARTIFACTS_DIR, 'admin-plans-1920x1080.png') });
    await console.close();
  });

  it('the operator starts it from the wall with the keyboard: P, the plan, the place by name, Ctrl+Enter', async () => {
    await wall.locator('body').focus();
    await wall.keyboard.press('p');
    await wall.waitForSelector('[data-testid=plan-launch]');
    await focusIs(wall, 'plan-place-search-input');
    const options = await wall.locator('[data-testid^=plan-option-]').allTextContents();
    const flood = options.findIndex((text) => text.includes('防汛应急预案'));
    expect(options[flood]).toContain('处置清单 6 项');
    // Digits choose while the focus is off the text fields (Tab leaves the search box for the title).
    await wall.keyboard.press('Tab');
    await wall.keyboard.press('Tab');
    await wall.keyboard.press(String(flood + 1));
    expect(await wall.getAttribute(`[data-testid=plan-option-${flood + 1}]`, 'class')).toContain('chosen');
    await wall.click('[data-testid=plan-place-search-input]');
    await wall.keyboard.type('新街口');
    await wall.waitForFunction(() => document.querySelectorAll('[data-testid=plan-place-search-result]').length > 0, undefined, { timeout: 15_000 });
    await wall.keyboard.press('Enter');
    await wall.waitForSelector('[data-testid=plan-place]:has-text("新街口")');
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'plan-launch-1920x1080.png') });
    await wall.keyboard.press('Control+Enter');
    await wall.waitForSelector('[data-testid=incident-desk] [data-testid=desk-tasks]', { timeout: 15_000 });
    const tasks = await wall.locator('[data-testid=incident-desk] [data-testid=task]').allTextContents();
    expect(tasks).toHaveLength(6);
    expect(tasks[5]).toContain('开放应急避难场所并登记');
    expect(await wall.textContent('[data-testid=desk-message]')).toContain('已启动「防汛应急预案」');
    expect(await wall.locator('[data-testid=plan-launch]').count()).toBe(0);
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'plan-started-1920x1080.png') });
  });
});
