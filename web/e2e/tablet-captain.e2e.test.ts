import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Grid, Incident, Unit } from '@lianfang/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eApi } from './support/api-client';
import { launchChromium } from './support/browser';
import { builtWeb } from './support/built-web';
import { ARTIFACTS_DIR } from './support/paths';
import { startServer, type RunningServer } from './support/server-process';
import { logIn } from './support/wall-page';

type Detail = { timeline: { kind: string; data: Record<string, unknown> }[] };

function centreOf(grid: Grid): { lat: number; lon: number } {
  const n = grid.ring.length;
  return { lon: grid.ring.reduce((s, p) => s + p[0], 0) / n, lat: grid.ring.reduce((s, p) => s + p[1], 0) / n };
}

/** A real JPEG made by the browser's own canvas, so the tablet's resizer has something to decode. */
async function cameraPhoto(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 2400;
    canvas.height = 1800;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#3a6ea5';
    g.fillRect(0, 0, 2400, 1800);
    g.fillStyle = '#f4d03f';
    g.fillRect(600, 500, 1200, 800);
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.95));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  });
  return Buffer.from(base64, 'base64');
}

/** The captain's tablet end to end: map, route and ETA, the one step button, the on-scene check, clear, a report with a map pick and a photo. */
describe('captain tablet (production build, real server, Chromium, 1280×800)', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: E2eApi;
  let webDist = '';
  let context: BrowserContext;
  let tablet: Page;
  let unit: Unit;
  let incident: Incident;
  let start: { lat: number; lon: number };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    webDist = builtWeb();
    server = await startServer(webDist, { DEMO_ALERT_EVERY_SECONDS: '0' });
    browser = await launchChromium();
    api = new E2eApi(server.baseUrl);
    await api.login('admin', server.adminPassword);
    const cells = (await api.call<Grid[]>('GET', '/api/grids')).filter((g) => g.level === 'grid').map(centreOf);
    expect(cells.length).toBeGreaterThan(3);
    // The unit stands in one grid cell; the incident is two cells away (hundreds of metres).
    start = cells[0]!;
    unit = await api.call<Unit>('POST', '/api/units', { callsign: '巡逻T1', force: 'police', mode: 'car', trackerId: 'e2e-tablet-t1' });
    const fix = await fetch(`${server.baseUrl}/ingest/osmand?id=e2e-tablet-t1&lat=${start.lat}&lon=${start.lon}&timestamp=${Date.now()}`);
    expect(fix.status).toBe(200);
    await api.call('POST', '/api/users', { username: 'e2e-tablet-cap', password: 'tablet-captain-1', role: 'captain', unitId: unit.id });
    incident = await api.call<Incident>('POST', '/api/incidents', {
      category: 'dispute',
      priority: 'P2',
      title: '商铺门口纠纷',
      lat: cells[3]!.lat,
      lon: cells[3]!.lon,
    });

    context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      hasTouch: true,
      geolocation: { latitude: start.lat, longitude: start.lon, accuracy: 8 },
      permissions: ['geolocation'],
    });
    tablet = await context.newPage();
    tablet.on('pageerror', (e) => {
      throw e;
    });
    await logIn(tablet, server.baseUrl, 'e2e-tablet-cap', 'tablet-captain-1');
    await tablet.waitForURL('**/tablet');
    await tablet.waitForSelector('[data-testid=connection-state][data-state=live]');
    await tablet.waitForSelector('[data-testid=tablet-map] [data-testid=map][data-ready=true]');
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  /** `GET /api/incidents/:id` answers `{incident, alerts, timeline}`. */
  const current = async (id: string) => (await api.call<{ incident: Incident }>('GET', `/api/incidents/${id}`)).incident;
  const assignmentStatus = async () => (await current(incident.id)).assignments.find((a) => a.unitId === unit.id)?.status;

  it('shows the dispatched incident on the map with the road route and the ETA, and acknowledges it', async () => {
    // On duty: the tablet shares its position (the route starts there, the on-scene check reads it).
    await tablet.tap('[data-testid=duty-toggle]');
    await api.call('POST', `/api/incidents/${incident.id}/dispatch`, { unitIds: [unit.id] });
    await tablet.waitForSelector(`[data-testid=dispatch-prompt][data-incident-id="${incident.id}"]`);
    await tablet.waitForSelector('[data-testid=prompt-eta]');
    expect(await tablet.textContent('[data-testid=prompt-eta]')).toMatch(/预计 (\d+ 分钟|1 分钟内)到达/);
    await tablet.waitForSelector('[data-testid=tablet-map][data-route=shown]');
    // The route is drawn on the map: its line layer exists and its source has the line's features.
    await tablet.waitForFunction(() => {
      const m = window.lianfangMap;
      return !!m?.getLayer('route-line') && m.querySourceFeatures('route').length > 0;
    });
    await tablet.waitForTimeout(800);
    await tablet.screenshot({ path: join(ARTIFACTS_DIR, 'tablet-captain-1280x800-dispatch.png') });

    await tablet.tap('[data-testid=prompt-acknowledge]');
    await tablet.waitForSelector('[data-testid=dispatch-prompt]', { state: 'detached' });
    await tablet.waitForSelector(`[data-testid=assignment-panel][data-incident-id="${incident.id}"] [data-testid=next-step][data-step=en_route]`);
    // One button: no unit-status buttons next to the step while there is an assignment.
    expect(await tablet.locator('[data-testid=next-step]').count()).toBe(1);
    expect(await tablet.locator('[data-testid=availability-buttons]').count()).toBe(0);
    expect(await tablet.textContent('[data-testid=assignment-eta]')).toMatch(/预计 (\d+ 分钟|1 分钟内)到达/);
    await expect.poll(assignmentStatus).toBe('acknowledged');
  });

  it('goes en route; on scene from far away needs an explicit confirmation, which is recorded', async () => {
    await tablet.tap('[data-testid=next-step]');
    await tablet.waitForSelector('[data-testid=next-step][data-step=on_scene]');
    await expect.poll(assignmentStatus).toBe('en_route');
    expect((await api.call<Unit[]>('GET', '/api/units')).find((u) => u.id === unit.id)?.status).toBe('en_route');

    // Still at the start, hundreds of metres away: the tablet asks instead of sending.
    await tablet.tap('[data-testid=next-step]');
    await tablet.waitForSelector('[data-testid=far-dialog]');
    expect(await tablet.textContent('[data-testid=far-body]')).toMatch(/本机定位距警情 \d+ 米（超过 150 米）/);
    await tablet.screenshot({ path: join(ARTIFACTS_DIR, 'tablet-captain-1280x800-far.png') });
    await tablet.tap('[data-testid=far-cancel]');
    await tablet.waitForSelector('[data-testid=far-dialog]', { state: 'detached' });
    expect(await assignmentStatus()).toBe('en_route');

    // The server refuses the same claim without the confirmation, whatever the screen does.
    const captain = new E2eApi(server.baseUrl);
    await captain.login('e2e-tablet-cap', 'tablet-captain-1');
    await expect(captain.call('POST', `/api/incidents/${incident.id}/units/${unit.id}/status`, { status: 'on_scene' })).rejects.toThrow(/409.*confirmFar/);

    await tablet.tap('[data-testid=next-step]');
    await tablet.tap('[data-testid=far-confirm]');
    await tablet.waitForSelector('[data-testid=next-step][data-step=resolve]');
    await expect.poll(assignmentStatus).toBe('on_scene');
    const detail = await api.call<Detail>('GET', `/api/incidents/${incident.id}`);
    const arrived = detail.timeline.find((e) => e.kind === 'unit_on_scene')!;
    expect(arrived.data.confirmedFar).toBe(true);
    expect(arrived.data.distanceM as number).toBeGreaterThan(150);
  });

  it('clears with an outcome; the unit is free again and only then offers available / off duty', async () => {
    await tablet.tap('[data-testid=next-step]');
    await tablet.tap('[data-testid=tablet-outcome-mediated]');
    await tablet.waitForSelector('[data-testid=no-assignment]');
    await tablet.waitForSelector('[data-testid=availability-buttons]');
    await expect.poll(async () => (await current(incident.id)).status).toBe('resolved');
    await expect.poll(assignmentStatus).toBe('cleared');
  });

  it('files a report placed on the map with a photo; it shows under my incidents and on the wall with its thumbnail', async () => {
    await tablet.tap('[data-testid=report-open]');
    await tablet.waitForSelector('[data-testid=report-map] [data-testid=map][data-ready=true]');
    await tablet.waitForFunction(() => document.querySelector('[data-testid=report-where]')?.getAttribute('data-picked') === 'fix');
    await tablet.waitForTimeout(800);
    // Tap the map away from the centre (the captain's own fix): the report goes where the finger was.
    const box = (await tablet.locator('[data-testid=report-map]').boundingBox())!;
    await tablet.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.3);
    await tablet.waitForFunction(() => document.querySelector('[data-testid=report-where]')?.getAttribute('data-picked') === 'map');
    const picked = (await tablet.textContent('[data-testid=report-where]'))!.match(/(\d+\.\d{5}), (\d+\.\d{5})/)!;
    const [lat, lon] = [Number(picked[1]), Number(picked[2])];
    expect(Math.abs(lat - start.lat) + Math.abs(lon - start.lon)).toBeGreaterThan(0.0005);

    await tablet.tap('[data-testid=report-category-traffic]');
    await tablet.tap('[data-testid=report-priority-P2]');
    await tablet.fill('[data-testid=report-note]', '路口井盖缺失');
    const photo = await cameraPhoto(tablet);
    await tablet.setInputFiles('[data-testid=report-photo]', { name: 'IMG_0042.jpg', mimeType: 'image/jpeg', buffer: photo });
    await tablet.waitForSelector('[data-testid=report-photo-preview]');
    await tablet.screenshot({ path: join(ARTIFACTS_DIR, 'tablet-captain-1280x800-report.png') });
    await tablet.tap('[data-testid=report-send]');
    await tablet.waitForSelector('[data-testid=report-form]', { state: 'detached' });

    // Under "my incidents", with its photo served back to this logged-in tablet.
    const item = tablet.locator('[data-testid=my-incident]', { hasText: '路口井盖缺失' });
    await item.waitFor();
    await tablet.waitForFunction(
      () => [...document.querySelectorAll('[data-testid=my-incident] [data-testid=incident-photo] img')].some((i) => (i as HTMLImageElement).naturalWidth > 0),
      undefined,
      { timeout: 15_000 },
    );
    const reportId = (await item.getAttribute('data-incident-id'))!;
    const report = await current(reportId);
    expect(report).toMatchObject({ source: 'patrol_report', unitId: unit.id, category: 'traffic', priority: 'P2' });
    expect(report.lat).toBeCloseTo(lat, 4);
    expect(report.lon).toBeCloseTo(lon, 4);
    expect(report.photos).toHaveLength(1);
    // Resized in the browser: a 2400×1800 camera shot arrives as a small JPEG.
    expect(report.photos![0]!.contentType).toBe('image/jpeg');
    expect(report.photos![0]!.bytes).toBeLessThan(700 * 1024);
    await tablet.waitForTimeout(500);
    await tablet.screenshot({ path: join(ARTIFACTS_DIR, 'tablet-captain-1280x800-my-incidents.png') });
    await tablet.setViewportSize({ width: 1920, height: 1080 });
    await tablet.waitForTimeout(800);
    await tablet.screenshot({ path: join(ARTIFACTS_DIR, 'tablet-captain-1920x1080.png') });

    // The wall: the incident panel shows the thumbnail.
    const wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const wall = await wallContext.newPage();
    await logIn(wall, server.baseUrl, 'admin', server.adminPassword, '/wall');
    await wall.waitForURL('**/wall');
    await wall.waitForSelector('[data-testid=connection-state][data-state=live]');
    await wall.click(`[data-testid=queue-item][data-incident-id="${reportId}"]`);
    await wall.waitForSelector(`[data-testid=incident-desk][data-incident-id="${reportId}"] [data-testid=incident-photo]`);
    await wall.waitForFunction(
      () => ((document.querySelector('[data-testid=incident-desk] [data-testid=incident-photo] img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0,
    );
    await wall.waitForTimeout(800);
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'wall-1920x1080-report-photo.png') });
    await wallContext.close();
  });
});
