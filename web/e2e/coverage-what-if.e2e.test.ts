import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Coverage, Snapshot } from '@lianfang/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eApi } from './support/api-client';
import { launchChromium } from './support/browser';
import { builtWeb } from './support/built-web';
import { ARTIFACTS_DIR } from './support/paths';
import { startServer, type RunningServer } from './support/server-process';
import { logIn, unitsDrawn } from './support/wall-page';

const percent = async (page: Page, testId: string): Promise<number> => Number((await page.textContent(`[data-testid=${testId}]`))!.match(/(\d+)\s*%/)![1]);

/**
 * Coverage tells the truth on the wall (issue 16, item 7): the 5-minute figure falls when units
 * get busy, the gap layer shows the gaps, and the what-if tool (G) shows a changed figure for a
 * temporary post before anyone is moved, and Esc leaves it with nothing committed.
 */
describe('coverage and the what-if on the wall (production build, real server, Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: E2eApi;
  let wall: Page;
  let webDist = '';

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    webDist = builtWeb();
    // No simulated alerts: a flight to an alert would move the map under the test's clicks.
    server = await startServer(webDist, { DEMO_ALERT_EVERY_SECONDS: '0', COVERAGE_INTERVAL_MS: '1000', COVERAGE_SETTLE_MS: '300' });
    browser = await launchChromium();
    api = new E2eApi(server.baseUrl);
    await api.login('admin', server.adminPassword);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the 5-minute figure falls when units get busy, and the gaps appear on the map', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    wall = await context.newPage();
    await logIn(wall, server.baseUrl, 'admin', server.adminPassword, '/wall');
    await wall.waitForURL('**/wall');
    await wall.waitForSelector('[data-testid=connection-state][data-state=live]');
    await unitsDrawn(wall, 10, 60_000);
    await wall.waitForSelector('[data-testid=kpi-coverage]', { timeout: 60_000 });
    for (const key of ['coverage', 'gaps'])
      if ((await wall.getAttribute(`[data-testid=layer-${key}]`, 'aria-pressed')) !== 'true') await wall.click(`[data-testid=layer-${key}]`);
    const before = await percent(wall, 'kpi-coverage');

    // A busy evening: every car and moto, and some of the rest, out on calls.
    const { units } = await api.call<Snapshot>('GET', '/api/state');
    const busy = ['on_scene', 'en_route', 'dispatched', 'busy'] as const;
    const out = units.filter((u, i) => u.mode === 'car' || u.mode === 'moto' || i % 3 === 0);
    for (const [i, u] of out.entries()) await api.call('POST', `/api/units/${u.id}/status`, { status: busy[i % busy.length] });
    await wall.waitForFunction(
      (was) => Number(document.querySelector('[data-testid=kpi-coverage]')?.textContent?.match(/(\d+)\s*%/)?.[1] ?? was) < was,
      before,
      { timeout: 30_000, polling: 200 },
    );
    const after = await percent(wall, 'kpi-coverage');
    expect(after).toBeLessThan(before);
    const coverage = await api.call<Coverage>('GET', '/api/coverage');
    expect(coverage.gapCells!.length).toBeGreaterThan(0);
    expect(Math.round(coverage.share.overall.within5 * 100)).toBe(after);
    await wall.waitForTimeout(1500);
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'wall-1920x1080-coverage-gaps.png') });
  });

  it('G opens the what-if; a car post dropped in the largest gap raises the figure; Esc leaves with nothing committed', async () => {
    const live = await api.call<Coverage>('GET', '/api/coverage');
    const gap = live.gaps[0]!;
    await wall.keyboard.press('g');
    await wall.waitForSelector('[data-testid=what-if-panel]');
    await wall.waitForFunction(() => /\d+\s*%/.test(document.querySelector('[data-testid=what-if-now]')?.textContent ?? ''));
    const now = await percent(wall, 'what-if-now');
    const statusesBefore = (await api.call<Snapshot>('GET', '/api/state')).units.map((u) => `${u.id}:${u.status}`).sort();

    // 4 = car; then a click on the map at the gap's centre, where the page draws it.
    await wall.keyboard.press('4');
    const at = await wall.evaluate(({ lat, lon }) => {
      const p = window.lianfangMap!.project([lon, lat]);
      const r = document.querySelector('[data-testid=map]')!.getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    }, gap);
    await wall.mouse.click(at.x, at.y);
    await wall.waitForFunction(() => /\+\d+/.test(document.querySelector('[data-testid=what-if-after]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    expect(await percent(wall, 'what-if-after')).toBeGreaterThan(now);
    expect(await wall.textContent('[data-testid=what-if-changes]')).toMatch(/临时岗点 · 车巡/);
    expect(Number((await wall.textContent('[data-testid=what-if-gained]'))!.match(/\d+/)![0])).toBeGreaterThan(0);
    await wall.waitForTimeout(1000);
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'wall-1920x1080-what-if.png') });

    await wall.keyboard.press('Escape');
    await wall.waitForSelector('[data-testid=what-if-panel]', { state: 'detached' });
    await wall.waitForSelector('[data-testid=what-if-open]');
    // Nothing was committed: every unit is where its status was, and no new unit appeared at the post.
    expect((await api.call<Snapshot>('GET', '/api/state')).units.map((u) => `${u.id}:${u.status}`).sort()).toEqual(statusesBefore);
  });
});
