import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Grid, Incident, IncidentCategory, Priority, TimelineEntry, Unit } from '@lianfang/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eApi } from './support/api-client';
import { launchChromium } from './support/browser';
import { builtWeb } from './support/built-web';
import { ARTIFACTS_DIR } from './support/paths';
import { startServer, type RunningServer } from './support/server-process';
import { logIn, unitsDrawn } from './support/wall-page';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** A timeline key or an actor written as the server stores it (`unit_on_scene`, `device:…`). */
const RAW_KEY = /\b[a-z]+_[a-z_]+\b|\b(device|unit|user|tracker):/;

/** The fraction of an element's box inside the viewport and not covered by anything else at its centre. */
function shownOnScreen(page: Page, selector: string) {
  return page.$$eval(selector, (els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      const inView = r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth && r.height > 0;
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { id: el.getAttribute('data-incident-id'), visible: inView && !!hit && (el === hit || el.contains(hit)) };
    }),
  );
}

/** No page scroll, and the header's clock and the panel's commands lie wholly inside the screen. */
async function expectNothingOffScreen(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(0);
  const outside = await page.evaluate(() =>
    ['.wall-header .clock', '.wall-header .tools', '[data-testid=desk-actions]', '[data-testid=incident-queue] .title']
      .map((s) => ({ s, r: document.querySelector(s)?.getBoundingClientRect() }))
      .filter(({ r }) => r && (r.left < 0 || r.top < 0 || r.right > window.innerWidth + 0.5 || r.bottom > window.innerHeight + 0.5))
      .map(({ s }) => s),
  );
  expect(outside).toEqual([]);
}

describe('the wall at 1080p and 4K with a busy evening (12+ open incidents)', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: E2eApi;
  let context: BrowserContext;
  let wall: Page;
  let webDist = '';
  let bigOne: Incident;
  let panicId = '';
  const opened: Incident[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    webDist = builtWeb();
    server = await startServer(webDist, { DEMO_ALERT_EVERY_SECONDS: '0' });
    browser = await launchChromium();
    api = new E2eApi(server.baseUrl);
    await api.login('admin', server.adminPassword);
    const grids = await api.call<Grid[]>('GET', '/api/grids');
    const cells = grids
      .filter((g) => g.level === 'grid')
      .map((g) => ({
        lon: g.ring.reduce((s, p) => s + p[0], 0) / g.ring.length,
        lat: g.ring.reduce((s, p) => s + p[1], 0) / g.ring.length,
      }));
    const units = await api.call<Unit[]>('GET', '/api/units');
    const free = units.filter((u) => u.status === 'available').map((u) => u.id);
    // Four P1s (one with nine units: the one the 1080p queue used to hide), the rest mixed.
    const plan: [Priority, IncidentCategory, number][] = [
      ['P3', 'dispute', 0],
      ['P2', 'public_order', 1],
      ['P1', 'criminal', 9],
      ['P4', 'assistance', 0],
      ['P2', 'traffic', 2],
      ['P3', 'dispute', 0],
      ['P1', 'medical', 2],
      ['P2', 'public_order', 0],
      ['P4', 'assistance', 0],
      ['P1', 'fire', 3],
      ['P3', 'traffic', 1],
      ['P2', 'criminal', 0],
      ['P1', 'criminal', 0],
    ];
    for (const [n, [priority, category, units]] of plan.entries()) {
      const at = cells[(n * 5) % cells.length]!;
      let incident = await api.call<Incident>('POST', '/api/incidents', { category, priority, title: `晚间测试 ${n + 1}`, lat: at.lat, lon: at.lon });
      if (units > 0) incident = await api.call<Incident>('POST', `/api/incidents/${incident.id}/dispatch`, { unitIds: free.splice(0, units) });
      opened.push(incident);
    }
    bigOne = opened[2]!;
    // One of its units moves on, so its timeline holds more than the few lines the panel used to show.
    const first = bigOne.assignments[0]!.unitId;
    for (const status of ['acknowledged', 'en_route', 'on_scene'] as const) {
      await api.call('POST', `/api/incidents/${bigOne.id}/units/${first}/status`, { status });
    }
    // And a panic button presses on the P1 with no unit: its timeline has a device as actor.
    const device = await api.call<{ key: string }>('POST', '/api/devices', { name: '夜市报警按钮', kind: 'alert_gateway' });
    const at = cells[1]!;
    panicId = (await api.call<{ incidentId: string }>('POST', '/ingest/alerts', { kind: 'panic', lat: at.lat, lon: at.lon }, device.key)).incidentId;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('1920×1080: every P1 is on screen and every open incident is in the queue', async () => {
    context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    wall = await context.newPage();
    await logIn(wall, server.baseUrl, 'admin', server.adminPassword, '/wall');
    await wall.waitForURL('**/wall');
    await wall.waitForSelector('[data-testid=connection-state][data-state=live]');
    await unitsDrawn(wall, 10, 60_000);
    const open = await api.call<Incident[]>('GET', '/api/incidents');
    expect(open.length).toBeGreaterThanOrEqual(12);
    await wall.waitForFunction((n) => document.querySelectorAll('[data-testid=queue-item]').length === n, open.length, { timeout: 10_000 });
    // The banner of the panic press is dismissed: the queue is what we look at here.
    for (let i = 0; i < 5 && (await wall.locator('[data-testid=alert-banner] button.dismiss').count()) > 0; i++) {
      await wall.locator('[data-testid=alert-banner] button.dismiss').first().click();
    }

    const p1 = open.filter((i) => i.priority === 'P1').map((i) => i.id);
    expect(p1.length).toBeGreaterThanOrEqual(4);
    const rows = await shownOnScreen(wall, '[data-testid=queue-item][data-priority=P1]');
    expect(rows.map((r) => r.id).sort()).toEqual([...p1].sort());
    expect(rows.filter((r) => !r.visible)).toEqual([]);
    expect(await wall.textContent(`[data-testid=queue-item][data-incident-id="${bigOne.id}"] [data-testid=queue-units]`)).toMatch(/\+6$/);

    // The others are reachable: the last one scrolls into view.
    const last = wall.locator('[data-testid=queue-list] [data-testid=queue-item]').last();
    await last.scrollIntoViewIfNeeded();
    const lastId = await last.getAttribute('data-incident-id');
    expect((await shownOnScreen(wall, `[data-testid=queue-item][data-incident-id="${lastId}"]`))[0]!.visible).toBe(true);
    // P1s are still on screen after scrolling.
    expect((await shownOnScreen(wall, '[data-testid=queue-item][data-priority=P1]')).every((r) => r.visible)).toBe(true);
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'wall-1080-queue.png') });

    // The bottom-right column of the map: each button can be seen and clicked, none covers another.
    const corner = [
      'button.overview',
      '[data-testid=intake-open]',
      '[data-testid=what-if-open]',
      '[data-testid=overdue-call-ins-badge]',
      '[data-testid=to-evaluate-badge]',
    ];
    const boxes = await Promise.all(corner.map(async (selector) => ({ selector, box: (await wall.locator(selector).boundingBox())! })));
    expect(boxes.filter((b) => !b.box).map((b) => b.selector)).toEqual([]);
    const overlapping = boxes.flatMap((a, i) =>
      boxes
        .slice(i + 1)
        .filter(
          (b) => a.box.x < b.box.x + b.box.width && b.box.x < a.box.x + a.box.width && a.box.y < b.box.y + b.box.height && b.box.y < a.box.y + a.box.height,
        )
        .map((b) => `${a.selector} × ${b.selector}`),
    );
    expect(overlapping).toEqual([]);
  }, 120_000);

  it('1920×1080: opening the nine-unit P1 puts the panel beside the map and centres the map on it', async () => {
    // Look somewhere else first (as an operator who panned away), so opening must bring the map back.
    const centreBefore = await wall.evaluate(({ lon, lat }) => {
      window.lianfangMap!.jumpTo({ center: [lon + 0.03, lat + 0.02] });
      return window.lianfangMap!.getCenter().toArray();
    }, bigOne);
    await wall.click(`[data-testid=queue-item][data-incident-id="${bigOne.id}"]`);
    await wall.waitForSelector(`[data-testid=incident-desk][data-incident-id="${bigOne.id}"]`);
    // Wait for the fit to finish, then read where the incident is drawn.
    await wall.waitForFunction(
      ({ lon, lat }) => {
        const m = window.lianfangMap!;
        if (m.isMoving()) return false;
        const c = m.getContainer();
        const p = m.project([lon, lat]);
        return Math.hypot(p.x - c.clientWidth / 2, p.y - c.clientHeight / 2) < 40;
      },
      { lon: bigOne.lon, lat: bigOne.lat },
      { timeout: 20_000, polling: 200 },
    );
    const centreAfter = await wall.evaluate(() => window.lianfangMap!.getCenter().toArray());
    expect(Math.hypot(centreAfter[0]! - centreBefore[0]!, centreAfter[1]! - centreBefore[1]!)).toBeGreaterThan(0.0005);

    // Beside the map, not over it: no overlap, and the map keeps the largest share of the width.
    const box = await wall.evaluate(() => {
      const r = (s: string) => document.querySelector(s)!.getBoundingClientRect();
      return { map: r('[data-testid=map]'), desk: r('[data-testid=incident-desk]'), queue: r('[data-testid=incident-queue]') };
    });
    expect(box.desk.left).toBeGreaterThanOrEqual(box.map.right - 1);
    expect(box.map.width).toBeGreaterThan(box.desk.width);
    expect(box.map.width / 1920).toBeGreaterThan(0.4);
    // Every P1 still on screen with the panel open.
    expect((await shownOnScreen(wall, '[data-testid=queue-item][data-priority=P1]')).every((r) => r.visible)).toBe(true);

    // Its units with a position are on the map.
    const drawn = await wall.evaluate(
      (ids) => ids.map((id) => window.lianfangUnits!.screenPosition(id)).filter((p): p is { x: number; y: number } => !!p),
      bigOne.assignments.map((a) => a.unitId),
    );
    const map = box.map;
    expect(drawn.length).toBeGreaterThan(0);
    for (const p of drawn) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(map.width);
      expect(p.y).toBeLessThanOrEqual(map.height);
    }
  }, 60_000);

  it('1920×1080: the whole timeline is listed by name, newest first, in Chinese', async () => {
    // The server's clocks may add lines meanwhile: every line the API had is on screen (or more).
    const detail = await api.call<{ timeline: TimelineEntry[] }>('GET', `/api/incidents/${bigOne.id}`);
    expect(detail.timeline.length).toBeGreaterThanOrEqual(13);
    await wall.waitForFunction((n) => document.querySelectorAll('[data-testid=desk-timeline-entry]').length >= n, detail.timeline.length, {
      timeout: 10_000,
    });
    // Newest first: the clock times never go up down the list.
    const times = await wall.$$eval('[data-testid=desk-timeline-entry] .at', (els) => els.map((e) => e.textContent ?? ''));
    expect(times).toEqual([...times].sort().reverse());
    const kinds = await wall.$$eval('[data-testid=desk-timeline-entry]', (li) => li.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toContain('unit_on_scene');
    expect(kinds.filter((k) => k === 'unit_dispatched')).toHaveLength(9);
    await expectNothingOffScreen(wall);
    const text = (await wall.textContent('[data-testid=desk-timeline]')) ?? '';
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(RAW_KEY);
    expect(text).toContain('到场');
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'wall-1080-open.png') });
  });

  it('the replay page names every event and actor (a device by its name), no key, no id', async () => {
    const page = await context.newPage();
    try {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`${server.baseUrl}/analytics/incidents/${panicId}`);
      await page.waitForSelector('[data-testid=timeline] li');
      const text = (await page.textContent('[data-testid=timeline]')) ?? '';
      expect(text).not.toMatch(UUID);
      expect(text).not.toMatch(RAW_KEY);
      expect(text).toContain('夜市报警按钮');
      // The page is titled by the incident's headline, not its id.
      expect((await page.textContent('body')) ?? '').not.toMatch(UUID);
      await page.screenshot({ path: join(ARTIFACTS_DIR, 'replay-1080.png') });
    } finally {
      await page.close();
    }
  }, 60_000);

  it('3840×2160: the same layout at twice the size; P1s on screen, nothing cut off or off the page', async () => {
    // The same wall page made 4K (a second 4K page is too heavy for a loaded 2-core box): the layout is
    // rem-based, so the page re-lays itself out as a 4K screen would.
    await wall.setViewportSize({ width: 3840, height: 2160 });
    await wall.waitForFunction(() => parseFloat(getComputedStyle(document.documentElement).fontSize) >= 31, undefined, { timeout: 30_000 });
    const rows = await shownOnScreen(wall, '[data-testid=queue-item][data-priority=P1]');
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.every((r) => r.visible)).toBe(true);
    expect(await wall.locator(`[data-testid=incident-desk][data-incident-id="${bigOne.id}"]`).count()).toBe(1);
    // Type scales with the screen: a queue headline at 4K is twice its 1080p size.
    const fontPx = await wall.$eval('[data-testid=queue-item] .headline', (el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontPx).toBeGreaterThanOrEqual(36);
    await expectNothingOffScreen(wall);
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'wall-2160-open.png'), timeout: 120_000 });
    await wall.setViewportSize({ width: 1920, height: 1080 });
    await expectNothingOffScreen(wall);
  }, 240_000);
});
