import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ClosureReply, Grid, Incident } from '@lianfang/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatShare } from '../src/features/analytics/analytics-format';
import { E2eApi } from './support/api-client';
import { launchChromium } from './support/browser';
import { builtWeb } from './support/built-web';
import { ARTIFACTS_DIR } from './support/paths';
import { startServer, type RunningServer } from './support/server-process';
import { logIn } from './support/wall-page';

/** Centre of a grid cell of the demo district. */
function centreOf(grid: Grid): { lat: number; lon: number } {
  const n = grid.ring.length;
  return { lon: grid.ring.reduce((s, p) => s + p[0], 0) / n, lat: grid.ring.reduce((s, p) => s + p[1], 0) / n };
}

/**
 * The closed loop run from the screens only (issue 16): a radio call logged on the wall by keys and
 * dispatched with one more key, the radio unit's progress recorded on the desk with the time told on
 * the radio, resolved with outcome and settled level, closed with its evaluation; then the manager's
 * closure rate counts it.
 */
describe('the desk runs the closed loop (production build, real server, Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: E2eApi;
  let operator: BrowserContext;
  let manager: BrowserContext;
  let wall: Page;
  let dashboard: Page;
  let site: { lat: number; lon: number };

  /** The dashboard's closure table as the page received it (its headline tile reads the total). */
  async function openDashboard(): Promise<ClosureReply> {
    // Leave first: a closure reply of the page already open would be gone with it.
    await dashboard.goto('about:blank');
    const reply = dashboard.waitForResponse((r) => r.url().includes('/api/analytics/closure') && r.ok());
    await dashboard.goto(`${server.baseUrl}/analytics`);
    const closure = (await (await reply).json()) as ClosureReply;
    await dashboard.waitForSelector('[data-testid=analytics-dashboard][data-loading=false] [data-testid=kpi-closure]');
    return closure;
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const webDist = builtWeb();
    // No simulated alerts: the incidents received today are this test's, so the figure is known.
    server = await startServer(webDist, { DEMO_ALERT_EVERY_SECONDS: '0' });
    browser = await launchChromium();
    api = new E2eApi(server.baseUrl);
    await api.login('admin', server.adminPassword);
    const grid = (await api.call<Grid[]>('GET', '/api/grids')).find((g) => g.level === 'grid')!;
    site = centreOf(grid);

    operator = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    wall = await operator.newPage();
    await logIn(wall, server.baseUrl, 'operator', 'operator-demo');
    await wall.waitForURL(/\/wall/);
    await wall.waitForSelector('[data-testid=connection-state][data-state=live]');
    manager = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    dashboard = await manager.newPage();
    await logIn(dashboard, server.baseUrl, 'manager', 'manager-demo');
    await dashboard.waitForURL(/\/analytics/);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a radio call by keys → dispatched → late radio times → resolve → evaluate from the desk moves the closure rate', async () => {
    const before = await openDashboard();
    const shownBefore = await dashboard.textContent('[data-testid=kpi-closure]');
    expect(shownBefore).toBe(formatShare(before.total.closureRate));

    // The radio call: N opens the form, 2 = 扰乱秩序 (P2 suggested), Tab past priority and find-by-name to the location, the
    // coordinates read out, Tab to the caller fields, Ctrl+Enter creates it and sends the first unit.
    await wall.locator('body').focus();
    await wall.keyboard.press('n');
    await wall.waitForSelector('[data-testid=call-intake]');
    await wall.keyboard.press('2');
    await wall.keyboard.press('Tab');
    await wall.keyboard.press('Tab');
    await wall.keyboard.press('Tab');
    await wall.keyboard.type(`${site.lat.toFixed(6)}, ${site.lon.toFixed(6)}`);
    await wall.keyboard.press('Tab');
    await wall.keyboard.type('安和路 8 号 楼道');
    await wall.waitForSelector('[data-testid=intake-candidate]', { timeout: 15_000 });
    await wall.keyboard.press('Tab');
    await wall.keyboard.type('李女士');
    await wall.keyboard.press('Control+Enter');
    await wall.waitForSelector('[data-testid=incident-desk] [data-testid=assignment]', { timeout: 15_000 });
    const incidentId = (await wall.getAttribute('[data-testid=incident-desk]', 'data-incident-id'))!;
    const incident = (await api.call<{ incident: Incident }>('GET', `/api/incidents/${incidentId}`)).incident;
    expect(incident).toMatchObject({ category: 'public_order', priority: 'P2', source: 'call', callerName: '李女士', address: '安和路 8 号 楼道' });
    expect(incident.assignments).toHaveLength(1);

    const row = wall.locator('[data-testid=assignment]').first();
    await row.waitFor();
    const unitId = (await row.getAttribute('data-unit-id'))!;
    // Only the next valid steps: no "on scene" before the unit acknowledged or set off.
    expect(await row.locator('[data-testid^=step-]').evaluateAll((b) => b.map((x) => x.getAttribute('data-testid')))).toEqual([
      'step-acknowledged',
      'step-en_route',
      'step-cleared',
    ]);

    // The unit's radio said "received" a minute after the dispatch was sent; the operator writes it down
    // a minute later still, choosing "1 min ago". A minute must pass for that to be after the dispatch.
    await wall.waitForTimeout(65_000);
    await row.locator('[data-testid=step-acknowledged]').click();
    await wall.locator('[data-testid=at-ago-1]').focus();
    const pressedAt = Date.now();
    await wall.keyboard.press('Enter');
    await wall.waitForSelector('[data-testid=assignment][data-status=acknowledged]');
    // A future time typed by mistake is refused on the spot, saying so.
    await row.locator('[data-testid=step-en_route]').click();
    const future = new Date(Date.now() + 10 * 60_000);
    await wall.fill('[data-testid=at-clock]', `${String(future.getHours()).padStart(2, '0')}:${String(future.getMinutes()).padStart(2, '0')}`);
    expect(await wall.textContent('[data-testid=step-time-error]')).toContain('时间不能晚于现在');
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'desk-step-time.png') });
    await wall.fill('[data-testid=at-clock]', '');
    await wall.locator('[data-testid=at-now]').focus();
    await wall.keyboard.press('Enter');
    await wall.waitForSelector('[data-testid=assignment][data-status=en_route]');
    await row.locator('[data-testid=step-on_scene]').click();
    await wall.keyboard.press('Enter');
    await wall.waitForSelector('[data-testid=assignment][data-status=on_scene]');

    const progressed = (await api.call<{ incident: Incident }>('GET', `/api/incidents/${incident.id}`)).incident;
    const a = progressed.assignments.find((x) => x.unitId === unitId)!;
    const ackAt = Date.parse(a.acknowledgedAt!);
    expect(ackAt).toBeGreaterThanOrEqual(Date.parse(a.dispatchedAt));
    // kept as told: about a minute before it was written down, not the moment of writing
    expect(ackAt).toBeLessThanOrEqual(pressedAt - 55_000);
    expect(Date.parse(a.enRouteAt!)).toBeGreaterThan(pressedAt);
    expect(a.status).toBe('on_scene');

    // Resolve: R, outcome 2 (mediated), level 1 (the grid settled it); the evaluation follows at once.
    await wall.keyboard.press('r');
    await wall.keyboard.press('2');
    expect(await wall.textContent('[data-testid=desk-actions]')).toContain('调解成功');
    await wall.keyboard.press('1');
    await wall.waitForSelector('[data-testid=evaluate-form]');
    expect(await wall.getAttribute('[data-testid=incident-desk]', 'data-incident-id')).toBe(incident.id);
    expect(await wall.textContent('[data-testid=desk-status]')).toBe('已处置');

    // 评价: rating 4 by key, feedback typed, Enter arms, Enter again closes (final).
    await wall.keyboard.press('4');
    await wall.fill('[data-testid=feedback]', '十分钟内到场，调解满意');
    await wall.locator('[data-testid=rate-4]').focus();
    await wall.keyboard.press('Enter');
    expect(await wall.textContent('[data-testid=confirm-close]')).toContain('再按一次确认');
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'desk-evaluate.png') });
    await wall.keyboard.press('Enter');
    await wall.waitForSelector('[data-testid=desk-status]:has-text("已结案")');
    expect(await wall.textContent('[data-testid=desk-message]')).toContain('已结案 · 评分 4');

    const closed = (await api.call<{ incident: Incident }>('GET', `/api/incidents/${incident.id}`)).incident;
    expect(closed).toMatchObject({
      status: 'closed',
      resolution: { outcome: 'mediated', settledLevel: 'grid' },
      evaluation: { rating: 4, feedback: '十分钟内到场，调解满意' },
    });

    // The manager's dashboard counts it: one more received, concluded (办结) and evaluated.
    const after = await openDashboard();
    expect(after.total.received).toBe(before.total.received + 1);
    expect(after.total.concluded).toBe(before.total.concluded + 1);
    expect(after.total.evaluated).toBe(before.total.evaluated + 1);
    const expected = formatShare((before.total.concluded + 1) / (before.total.received + 1));
    expect(await dashboard.textContent('[data-testid=kpi-closure]')).toBe(expected);
    expect(await dashboard.textContent('[data-testid=kpi-evaluated]')).toBe(formatShare((before.total.evaluated + 1) / (before.total.resolved + 1)));
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'desk-closure-dashboard.png') });
  }, 240_000);
});
