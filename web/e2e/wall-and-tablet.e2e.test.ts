import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertIngestReply, Grid, Unit } from '@lianfang/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eApi } from './support/api-client';
import { launchChromium } from './support/browser';
import { builtWeb } from './support/built-web';
import { ARTIFACTS_DIR } from './support/paths';
import { startServer, type RunningServer } from './support/server-process';
import { appearancesOf, recordAppearances } from './support/appearance-recorder';
import { dismissAlertBanners, incidentMarkerDrawn, isolatedUnit, logIn, unitsDrawn, withWallPage } from './support/wall-page';
import { closestTo, screenPixels, shareNot } from './support/screen-pixels';
import { emptySpots, loseMapContext, reloadWallUntilDrawn, restoreMapContext } from './support/gl-context';
import { MAP_BACKGROUND } from '../src/map/core/base-style';
import { FORCE_COLORS } from '../src/features/units/unit-appearance';

/** Centre of a grid cell: a place inside the demo district that the wall names by its grids. */
function centreOf(grid: Grid): { lat: number; lon: number } {
  const n = grid.ring.length;
  return { lon: grid.ring.reduce((s, p) => s + p[0], 0) / n, lat: grid.ring.reduce((s, p) => s + p[1], 0) / n };
}

describe('wall screen and captain tablet (production build, real server, Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: E2eApi;
  let wallContext: BrowserContext;
  let wall: Page;
  let cells: { lat: number; lon: number }[] = [];
  let webDist = '';
  /** the incident dispatched from the wall and acknowledged on the tablet (used by the 4K check) */
  let dispatched: { incidentId: string; unitId: string } | null = null;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    webDist = builtWeb();
    // No simulated alerts: this test raises its own, so what the screen shows is known.
    server = await startServer(webDist, { DEMO_ALERT_EVERY_SECONDS: '0' });
    browser = await launchChromium();
    api = new E2eApi(server.baseUrl);
    await api.login('admin', server.adminPassword);
    const grids = await api.call<Grid[]>('GET', '/api/grids');
    cells = grids.filter((g) => g.level === 'grid').map(centreOf);
    expect(cells.length).toBeGreaterThan(3);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a wrong password with a readable error', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await logIn(page, server.baseUrl, 'admin', 'not-the-password');
    await page.waitForSelector('[data-testid=login-error]');
    expect(await page.textContent('[data-testid=login-error]')).toContain('用户名或密码错误');
    await context.close();
  });

  it('wall: an alert shows its banner, its queue entry and its map marker (time recorded)', async () => {
    wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    wall = await wallContext.newPage();
    await logIn(wall, server.baseUrl, 'admin', server.adminPassword, '/wall');
    await wall.waitForURL('**/wall');
    await wall.waitForSelector('[data-testid=connection-state][data-state=live]');
    await unitsDrawn(wall, 10, 30_000);

    // A few incidents already open, as on any evening.
    const background = [
      { name: 'Pharmacy 3 gateway', kind: 'medical', at: cells[1]! },
      { name: 'Crossing camera 7', kind: 'traffic', at: cells[2]! },
      { name: 'Night market radio', kind: 'radio', at: cells[3]! },
    ];
    for (const b of background) {
      const device = await api.call<{ key: string }>('POST', '/api/devices', { name: b.name, kind: 'alert_gateway' });
      await api.call('POST', '/ingest/alerts', { kind: b.kind, lat: b.at.lat, lon: b.at.lon }, device.key);
    }
    await wall.waitForFunction(() => document.querySelector('[data-testid=kpi-open]')?.textContent === '3', undefined, { timeout: 15_000 });
    // Back to the resting view (the map flew to each of those), and let the screen settle:
    // the timed alert below is measured on its own, not behind a burst.
    await wall.waitForTimeout(1000);
    await wall.click('.overview');
    await wall.waitForTimeout(2500);

    const gateway = await api.call<{ key: string }>('POST', '/api/devices', { name: 'Jewellery shop panic button', kind: 'alert_gateway' });
    await recordAppearances(wall);
    const started = Date.now();
    const first = await api.call<AlertIngestReply>('POST', '/ingest/alerts', { kind: 'panic', lat: cells[0]!.lat, lon: cells[0]!.lon }, gateway.key);
    await Promise.all([
      wall.waitForSelector(`[data-testid=alert-banner][data-incident-id="${first.incidentId}"]`, { timeout: 10_000 }),
      wall.waitForSelector(`[data-testid=queue-item][data-incident-id="${first.incidentId}"]`, { timeout: 10_000 }),
      incidentMarkerDrawn(wall, first.incidentId, 10_000),
    ]);
    // From the moment the alert was posted to the moment each part was on the screen (page clock).
    const at = await appearancesOf(wall, first.incidentId);
    const late = { banner: (at.banner ?? Infinity) - started, queue: (at.queue ?? Infinity) - started, marker: (at.marker ?? Infinity) - started };
    // All three parts must appear. How fast is a figure, not a pass/fail line here (timed assertions
    // fail on a loaded CI box and prove nothing): it is written to test-artifacts for docs/performance.md.
    expect(Number.isFinite(late.banner) && Number.isFinite(late.queue) && Number.isFinite(late.marker), JSON.stringify(late)).toBe(true);
    writeFileSync(`${ARTIFACTS_DIR}/alert-to-wall-ms.json`, JSON.stringify(late));

    // Pressed again: the same banner counts, no second banner.
    const second = await api.call<AlertIngestReply>('POST', '/ingest/alerts', { kind: 'panic', lat: cells[0]!.lat, lon: cells[0]!.lon }, gateway.key);
    expect(second).toMatchObject({ incidentId: first.incidentId, joined: true, pressCount: 2 });
    await wall.waitForFunction(
      (id) => document.querySelector(`[data-testid=alert-banner][data-incident-id="${id}"] [data-testid=alert-press-count]`)?.textContent?.includes('×2'),
      first.incidentId,
      { timeout: 5000 },
    );
    expect(await wall.locator(`[data-testid=alert-banner][data-incident-id="${first.incidentId}"]`).count()).toBe(1);
    expect(await wall.textContent('[data-testid=kpi-open]')).toBe('4');

    // Let the map finish flying to the alert, then keep the picture.
    await wall.waitForTimeout(2500);
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'wall-1920x1080-alert.png') });
  });

  it('wall: overview at 1920×1080 and 3840×2160 fits the screen without scrolling', async () => {
    await wall.locator('[data-testid=alert-banner] button').first().click();
    await wall.click('.overview');
    await wall.waitForTimeout(1500);
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'wall-1920x1080.png') });
    const overflow = await wall.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    expect(overflow).toBeLessThanOrEqual(0);

    await withWallPage(wallContext, server.baseUrl, { width: 3840, height: 2160 }, async (big) => {
      // A first 4K frame on the CPU of a loaded 2-core box takes a while: a generous wait, not a timing.
      await unitsDrawn(big, 10, 90_000);
      await big.waitForTimeout(1000);
      await big.screenshot({ path: join(ARTIFACTS_DIR, 'wall-3840x2160.png') });
      expect(await big.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(0);
    });
  }, 180_000);

  it('wall: units are drawn by the GPU layer in their force colour, move, get callsigns up close, and a click selects one', async () => {
    await wall.click('.overview');
    await wall.waitForTimeout(1500);
    expect(await wall.evaluate(() => window.lianfangUnits!.drawnCount())).toBeGreaterThanOrEqual(40);

    // Moving: the demo patrols report every few seconds; some unit's drawn position must change.
    const before = await wall.evaluate(() => Object.fromEntries(window.lianfangUnits!.ids().map((id) => [id, window.lianfangUnits!.screenPosition(id)])));
    await expect
      .poll(
        () =>
          wall.evaluate(
            (b) =>
              window.lianfangUnits!.ids().filter((id) => {
                const p = window.lianfangUnits!.screenPosition(id);
                const q = b[id];
                return !!p && !!q && Math.hypot(p.x - q.x, p.y - q.y) > 0.5;
              }).length,
            before,
          ),
        { timeout: 20_000, interval: 500 },
      )
      .toBeGreaterThan(0);

    // Drawn for real: the pixels at a unit's centre are its force's colour (read back from a screenshot).
    const target = await isolatedUnit(wall, 40);
    expect(target).not.toBeNull();
    const { id, x, y } = target!;
    const unit = (await api.call<Unit[]>('GET', '/api/units')).find((u) => u.id === id)!;
    const pixels = await screenPixels(wall, { x: x - 2, y: y - 2, width: 5, height: 5 });
    expect(closestTo(pixels, FORCE_COLORS[unit.force]), `pixels ${JSON.stringify(pixels.slice(0, 12))} vs ${FORCE_COLORS[unit.force]}`).toBeLessThan(40);

    // A click on it selects it: the card names it and the layer draws it highlighted.
    await wall.mouse.click(x, y);
    await wall.waitForSelector(`[data-testid=selected-unit][data-unit-id="${id}"]`, { timeout: 5000 });
    expect(await wall.textContent('[data-testid=selected-unit]')).toContain(unit.callsign);
    expect((await wall.evaluate((u) => window.lianfangUnits!.flags(u), id))! & 2).toBe(2);
    await wall.waitForTimeout(800);
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'wall-1920x1080-unit-selected.png') });

    // Up close the callsigns appear (a small label layer fed with the units in view, once a second).
    await wall.evaluate(
      (c) => (window as unknown as { lianfangMap: { jumpTo(o: object): void } }).lianfangMap.jumpTo({ center: c, zoom: 16 }),
      [unit.position!.lon, unit.position!.lat],
    );
    await expect
      .poll(
        () =>
          wall.evaluate(
            () => (window as unknown as { lianfangMap: { querySourceFeatures(s: string): unknown[] } }).lianfangMap.querySourceFeatures('units-labels').length,
          ),
        { timeout: 10_000, interval: 500 },
      )
      .toBeGreaterThan(0);
    await wall.waitForTimeout(1500);
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'wall-1920x1080-units-street.png') });

    await wall.click('[data-testid=selected-unit-close]');
    await wall.waitForSelector('[data-testid=selected-unit]', { state: 'detached' });
    expect((await wall.evaluate((u) => window.lianfangUnits!.flags(u), id))! & 2).toBe(0);
    await wall.click('.overview');
    await wall.waitForTimeout(1000);
  }, 120_000);

  it('wall: an alert from a device with a wrong clock says so in the banner and the incident panel', async () => {
    const gateway = await api.call<{ key: string }>('POST', '/api/devices', { name: 'Old kiosk with a flat clock battery', kind: 'alert_gateway' });
    const skewed = await api.call<AlertIngestReply>(
      'POST',
      '/ingest/alerts',
      { kind: 'fire', lat: cells[6]?.lat ?? cells[0]!.lat, lon: cells[6]?.lon ?? cells[0]!.lon, at: '2020-01-01T08:00:00Z' },
      gateway.key,
    );
    const banner = `[data-testid=alert-banner][data-incident-id="${skewed.incidentId}"]`;
    await wall.waitForSelector(`${banner} [data-testid=alert-clock-skew]`, { timeout: 10_000 });
    expect(await wall.textContent(`${banner} [data-testid=alert-clock-skew]`)).toContain('设备时钟不准');
    await wall.click(`[data-testid=queue-item][data-incident-id="${skewed.incidentId}"]`);
    await wall.waitForSelector(`[data-testid=incident-desk][data-incident-id="${skewed.incidentId}"] [data-testid=desk-clock-skew]`, { timeout: 10_000 });
    await wall.waitForTimeout(1500);
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'wall-1920x1080-clock-skew.png') });
    await wall.keyboard.press('Escape');
    await wall.waitForSelector('[data-testid=incident-desk]', { state: 'detached' });
  });

  it('tablet: a captain bound to a unit sets status, shares position and raises an SOS the wall sees', async () => {
    const unit = await api.call<Unit>('POST', '/api/units', { callsign: '保安巡07', force: 'security', mode: 'foot', trackerId: 'e2e-tablet-07' });
    await api.call('POST', '/api/users', { username: 'e2e-captain', password: 'captain-pass-1', role: 'captain', unitId: unit.id });
    const here = cells[4] ?? cells[0]!;
    const context = await browser.newContext({
      viewport: { width: 1024, height: 768 },
      hasTouch: true,
      geolocation: { latitude: here.lat, longitude: here.lon, accuracy: 8 },
      permissions: ['geolocation'],
    });
    const tablet = await context.newPage();
    await logIn(tablet, server.baseUrl, 'e2e-captain', 'captain-pass-1');
    await tablet.waitForURL('**/tablet');
    await tablet.waitForSelector('[data-testid=connection-state][data-state=live]');
    expect(await tablet.textContent('[data-testid=my-callsign]')).toBe('保安巡07');

    // Without an assignment the captain sets only off duty / available (the steps of an incident set the rest).
    await tablet.click('[data-testid=status-off_duty]');
    await tablet.waitForFunction(() => document.querySelector('[data-testid=my-status]')?.textContent?.includes('下岗'), undefined, { timeout: 5000 });
    await tablet.click('[data-testid=status-available]');
    await tablet.waitForFunction(() => document.querySelector('[data-testid=my-status]')?.textContent?.includes('空闲'), undefined, { timeout: 5000 });

    await tablet.click('[data-testid=duty-toggle]');
    await expect
      .poll(async () => (await api.call<Unit[]>('GET', '/api/units')).find((u) => u.id === unit.id)?.position?.lat, { timeout: 10_000 })
      .toBeCloseTo(here.lat, 5);

    // Hold the SOS button for 2 s.
    const box = (await tablet.locator('[data-testid=sos-button]').boundingBox())!;
    await tablet.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await tablet.mouse.down();
    await tablet.waitForTimeout(2300);
    await tablet.mouse.up();
    await tablet.waitForFunction(() => document.querySelector('[data-testid=sos-result]')?.textContent?.includes('求救已送达'), undefined, { timeout: 5000 });
    await wall.waitForFunction(() => [...document.querySelectorAll('[data-testid=alert-banner]')].some((b) => b.textContent?.includes('紧急求助')), undefined, {
      timeout: 3000,
    });
    await tablet.waitForSelector('[data-testid=my-incidents] li');

    await tablet.waitForTimeout(500);
    await tablet.screenshot({ path: join(ARTIFACTS_DIR, 'tablet-1024x768.png') });
    await tablet.setViewportSize({ width: 768, height: 1024 });
    await tablet.waitForTimeout(500);
    await tablet.screenshot({ path: join(ARTIFACTS_DIR, 'tablet-768x1024.png') });
    await wall.waitForTimeout(1500);
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'wall-1920x1080-sos.png') });
    await context.close();
  });

  it('wall → tablet: the operator dispatches from the wall by keyboard, the captain acknowledges, the wall updates', async () => {
    // A unit standing where the alert will be, with its captain's tablet open.
    const here = cells[5] ?? cells[1]!;
    const unit = await api.call<Unit>('POST', '/api/units', { callsign: '巡逻E2E', force: 'police', mode: 'car', trackerId: 'e2e-dispatch-unit' });
    const fix = await fetch(`${server.baseUrl}/ingest/osmand?id=e2e-dispatch-unit&lat=${here.lat}&lon=${here.lon}&timestamp=${Math.floor(Date.now() / 1000)}`);
    expect(fix.status).toBe(200);
    await api.call('POST', '/api/users', { username: 'e2e-captain-2', password: 'captain-pass-2', role: 'captain', unitId: unit.id });
    const tabletContext = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    const tablet = await tabletContext.newPage();
    await logIn(tablet, server.baseUrl, 'e2e-captain-2', 'captain-pass-2');
    await tablet.waitForURL('**/tablet');
    await tablet.waitForSelector('[data-testid=connection-state][data-state=live]');

    const gateway = await api.call<{ key: string }>('POST', '/api/devices', { name: 'Supermarket alarm', kind: 'alert_gateway' });
    const alert = await api.call<AlertIngestReply>('POST', '/ingest/alerts', { kind: 'crime', lat: here.lat, lon: here.lon }, gateway.key);
    const card = `[data-testid=queue-item][data-incident-id="${alert.incidentId}"]`;
    await wall.waitForSelector(card, { timeout: 10_000 });
    // The captain sees nothing of it yet: it is not their team's incident.
    expect(await tablet.locator(`[data-testid=my-incident][data-incident-id="${alert.incidentId}"]`).count()).toBe(0);

    // Open it from the queue, pick our unit among the ETA-ranked candidates by its number key, D dispatches.
    await wall.click(card);
    await wall.waitForSelector(`[data-testid=incident-desk][data-incident-id="${alert.incidentId}"]`);
    const candidate = wall.locator(`[data-testid=candidate][data-unit-id="${unit.id}"]`);
    await candidate.waitFor({ timeout: 10_000 });
    const number = await candidate.locator('kbd').textContent();
    expect(Number(number)).toBeGreaterThanOrEqual(1);
    await wall.keyboard.press(number!.trim());
    await expect.poll(() => candidate.getAttribute('aria-pressed')).toBe('true');
    await wall.keyboard.press('d');
    await wall.waitForSelector(`[data-testid=assignment][data-unit-id="${unit.id}"][data-status=dispatched]`, { timeout: 10_000 });

    // The tablet shouts until the captain acknowledges.
    await tablet.waitForSelector(`[data-testid=dispatch-prompt][data-incident-id="${alert.incidentId}"]`, { timeout: 10_000 });
    await tablet.waitForTimeout(300);
    await tablet.screenshot({ path: join(ARTIFACTS_DIR, 'tablet-1024x768-dispatch.png') });
    await tablet.tap('[data-testid=prompt-acknowledge]');
    await tablet.waitForSelector('[data-testid=dispatch-prompt]', { state: 'detached', timeout: 10_000 });
    await tablet.waitForSelector(`[data-testid=assignment-panel][data-incident-id="${alert.incidentId}"] [data-testid=next-step][data-step=en_route]`, {
      timeout: 10_000,
    });

    // The wall hears it without a reload: the unit's row and the incident's status change.
    await wall.waitForSelector(`[data-testid=assignment][data-unit-id="${unit.id}"][data-status=acknowledged]`, { timeout: 10_000 });
    await wall.waitForFunction(() => document.querySelector('[data-testid=desk-status]')?.textContent === '已接收', undefined, { timeout: 10_000 });
    await wall.waitForFunction(
      () => [...document.querySelectorAll('[data-testid=desk-timeline] li')].some((li) => li.textContent?.includes('确认接警')),
      undefined,
      { timeout: 10_000 },
    );
    await tablet.screenshot({ path: join(ARTIFACTS_DIR, 'tablet-1024x768-acknowledged.png') });
    await wall.waitForTimeout(800);
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'wall-1920x1080-desk.png') });

    // The analysis layers: coverage bands and gaps, switched on from the layer bar.
    await wall.keyboard.press('Escape');
    await wall.waitForSelector('[data-testid=incident-desk]', { state: 'detached' });
    await wall.click('[data-testid=layer-coverage]');
    await wall.click('[data-testid=layer-gaps]');
    await wall.waitForSelector('[data-testid=coverage-legend]');
    await wall.click('.overview');
    await wall.waitForTimeout(2500);
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'wall-1920x1080-coverage.png') });

    dispatched = { incidentId: alert.incidentId, unitId: unit.id };
    await tabletContext.close();
  }, 240_000);

  it('wall at 3840×2160: the incident panel with the acknowledged unit, no scrolling', async () => {
    expect(dispatched).not.toBeNull();
    const { incidentId, unitId } = dispatched!;
    await withWallPage(wallContext, server.baseUrl, { width: 3840, height: 2160 }, async (big) => {
      // A fresh screen has no banner for it and the queue may not fit it: reach it by keyboard
      // (↓ then Enter opens the most urgent; with the panel open ↓ walks through every open incident).
      await big.keyboard.press('ArrowDown');
      await big.keyboard.press('Enter');
      for (let i = 0; i < 20; i++) {
        if (await big.locator(`[data-testid=incident-desk][data-incident-id="${incidentId}"]`).count()) break;
        await big.waitForTimeout(200);
        await big.keyboard.press('ArrowDown');
      }
      // A 4K frame drawn on the CPU keeps this page busy for seconds: generous timeouts here.
      await big.waitForSelector(`[data-testid=assignment][data-unit-id="${unitId}"]`, { state: 'attached', timeout: 30_000 });
      await big.waitForTimeout(1500);
      await big.screenshot({ path: join(ARTIFACTS_DIR, 'wall-3840x2160-desk.png') });
      expect(await big.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(0);
    });
  }, 240_000);

  it('wall: a lost WebGL context is announced, positions keep coming, and the same picture comes back on restore', async () => {
    if (!wall) {
      // Run on its own (`-t`): a wall of its own.
      wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      wall = await wallContext.newPage();
      await logIn(wall, server.baseUrl, 'admin', server.adminPassword, '/wall');
      await wall.waitForSelector('[data-testid=connection-state][data-state=live]');
      await unitsDrawn(wall, 10, 30_000);
    }
    const problems: string[] = [];
    wall.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    // A layer that kept stale GL objects after the restore makes Chromium log these on every frame.
    wall.on('console', (m) => {
      if ((m.type() === 'error' && !m.text().startsWith('Failed to load resource')) || /INVALID_OPERATION|does not belong to this context/.test(m.text()))
        problems.push(`${m.type()}: ${m.text()}`);
    });
    await dismissAlertBanners(wall);
    await wall.click('.overview');
    await wall.waitForTimeout(1500);
    const mapBox = (await wall.locator('[data-testid=map]').boundingBox())!;
    // A patch of basemap (roads, grid lines) below the banners: blank while lost, drawn again after.
    const patch = { x: mapBox.x + 250, y: mapBox.y + Math.round(mapBox.height * 0.64), width: 360, height: 180 };

    // Our own police unit, standing alone at A (selected), to be moved to B while the context is lost.
    const candidates = cells.flatMap(
      (c, i) => [[c.lon, c.lat], ...cells.slice(i + 1).map((d) => [(c.lon + d.lon) / 2, (c.lat + d.lat) / 2])] as [number, number][],
    );
    const spots = await emptySpots(wall, candidates, 45);
    const a = spots[0]!;
    const b = spots.find((s) => Math.hypot(s.x - a.x, s.y - a.y) > 150);
    expect(b, `no two free spots among ${spots.length}`).toBeDefined();
    const alertAt = cells.find((c) => Math.hypot(c.lon - b!.lon, c.lat - b!.lat) > 0.004 && Math.hypot(c.lon - a.lon, c.lat - a.lat) > 0.004) ?? cells[0]!;
    const unit = await api.call<Unit>('POST', '/api/units', { callsign: '巡逻GL', force: 'police', mode: 'car', trackerId: 'e2e-gl-unit' });
    const fix = async (at: { lat: number; lon: number }) => {
      const res = await fetch(`${server.baseUrl}/ingest/osmand?id=e2e-gl-unit&lat=${at.lat}&lon=${at.lon}&timestamp=${Date.now()}`);
      expect(res.status).toBe(200);
    };
    const drawnAt = () =>
      wall.evaluate((id) => {
        const p = window.lianfangUnits!.screenPosition(id);
        const r = document.querySelector('[data-testid=map]')!.getBoundingClientRect();
        return p ? { x: p.x + r.left, y: p.y + r.top } : null;
      }, unit.id);
    const near = (to: { x: number; y: number }) => async () => {
      const p = await drawnAt();
      return p ? Math.hypot(p.x - to.x, p.y - to.y) : Infinity;
    };
    await fix(a);
    await expect.poll(near(a), { timeout: 15_000, interval: 250 }).toBeLessThan(2);
    await wall.waitForTimeout(1200);
    await wall.mouse.click(a.x, a.y);
    await wall.waitForSelector(`[data-testid=selected-unit][data-unit-id="${unit.id}"]`, { timeout: 15_000 });
    const layersBefore = await wall.evaluate(() => window.lianfangMap!.getLayersOrder());
    const buildsBefore = await wall.evaluate(() => window.lianfangUnits!.glBuilds());
    expect(shareNot(await screenPixels(wall, patch), MAP_BACKGROUND)).toBeGreaterThan(0.01);

    await loseMapContext(wall);
    const banner = wall.locator('[data-testid=gl-context-lost]');
    await banner.waitFor();
    expect(await banner.getAttribute('data-phase')).toBe('recovering');
    expect(await banner.textContent()).toContain('地图画面中断');
    // While lost: the unit moves, an alert comes in, and a click on the dark map changes nothing.
    await fix(b!);
    await expect.poll(near(b!), { timeout: 15_000, interval: 250 }).toBeLessThan(2);
    const gateway = await api.call<{ key: string }>('POST', '/api/devices', { name: 'Substation alarm (GPU reset drill)', kind: 'alert_gateway' });
    const alert = await api.call<AlertIngestReply>('POST', '/ingest/alerts', { kind: 'fire', lat: alertAt.lat, lon: alertAt.lon }, gateway.key);
    await wall.waitForSelector(`[data-testid=queue-item][data-incident-id="${alert.incidentId}"]`, { timeout: 10_000 });
    await wall.mouse.click(a.x, a.y);
    await wall.waitForTimeout(500);
    expect(await wall.locator(`[data-testid=selected-unit][data-unit-id="${unit.id}"]`).count()).toBe(1);
    // The operator switches key areas off meanwhile (MapLibre's saved style still has them on).
    await wall.click('[data-testid=layer-keyAreas]');
    expect(shareNot(await screenPixels(wall, patch), MAP_BACKGROUND)).toBeLessThan(0.002);
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'wall-1920x1080-gl-lost.png') });
    // The same in English, then back to Chinese.
    await wall.click('.locale-switch button:has-text("EN")');
    await expect.poll(() => banner.textContent()).toContain('Map display interrupted');
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'wall-1920x1080-gl-lost-en.png') });
    await wall.click('.locale-switch button:has-text("中文")');

    const restoreMs = await restoreMapContext(wall);
    await banner.waitFor({ state: 'detached', timeout: 5000 });
    // New GL objects for the new context, every layer back in its place, the alert's label in its source.
    expect(await wall.evaluate(() => window.lianfangUnits!.glBuilds())).toBe(buildsBefore + 1);
    expect(await wall.evaluate(() => window.lianfangMap!.getLayersOrder())).toEqual(layersBefore);
    await expect
      .poll(() => wall.evaluate((id) => window.lianfangMap!.querySourceFeatures('incident-labels').some((f) => f.properties.id === id), alert.incidentId), {
        timeout: 10_000,
        interval: 250,
      })
      .toBe(true);
    expect((await wall.evaluate((u) => window.lianfangUnits!.flags(u), unit.id))! & 2).toBe(2);
    const visibility = () => wall.evaluate(() => window.lianfangMap!.getLayoutProperty('key-areas-fill', 'visibility') as string);
    expect(await visibility()).toBe('none');
    await wall.click('[data-testid=layer-keyAreas]');
    expect(await visibility()).toBe('visible');

    await dismissAlertBanners(wall);
    await wall.click('.overview');
    await wall.waitForTimeout(2500);
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'wall-1920x1080-gl-restored.png') });
    expect(shareNot(await screenPixels(wall, patch), MAP_BACKGROUND)).toBeGreaterThan(0.01);
    // Drawn at B in its force colour (read back from the screen), and a click there selects it again.
    await wall.click('[data-testid=selected-unit-close]');
    await wall.waitForTimeout(1200);
    // The resting view may have changed with the new alert and unit: where B is on the screen now.
    const bNow = await wall.evaluate(
      ({ lon, lat }) => {
        const p = window.lianfangMap!.project([lon, lat]);
        const r = document.querySelector('[data-testid=map]')!.getBoundingClientRect();
        return { x: p.x + r.left, y: p.y + r.top };
      },
      { lon: b!.lon, lat: b!.lat },
    );
    const at = (await drawnAt())!;
    expect(Math.hypot(at.x - bNow.x, at.y - bNow.y)).toBeLessThan(2);
    const pixels = await screenPixels(wall, { x: at.x - 2, y: at.y - 2, width: 5, height: 5 });
    expect(closestTo(pixels, FORCE_COLORS.police), `pixels ${JSON.stringify(pixels.slice(0, 12))}`).toBeLessThan(40);
    await wall.mouse.click(at.x, at.y);
    await wall.waitForSelector(`[data-testid=selected-unit][data-unit-id="${unit.id}"]`, { timeout: 5000 });
    expect(problems).toEqual([]);
    await wall.click('[data-testid=selected-unit-close]');

    // What the automatic reload does (and an operator's F5): the wall comes back logged in, map drawn.
    // Both durations are figures for docs/performance.md, not pass/fail lines.
    const reloadMs = await reloadWallUntilDrawn(wall, 10);
    expect(new URL(wall.url()).pathname).toBe('/wall');
    writeFileSync(`${ARTIFACTS_DIR}/gl-restore-ms.json`, JSON.stringify({ restoreToWholeMap: Math.round(restoreMs), reloadToWholeMap: Math.round(reloadMs) }));
  }, 240_000);
});
