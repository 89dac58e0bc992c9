import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { builtWeb } from './support/built-web';
import { ARTIFACTS_DIR } from './support/paths';
import { startServer, type RunningServer } from './support/server-process';
import { drawGrid, geoMapCentre, lonLatAt, squareRing } from './support/geo-drawing';
import { logIn, unitsDrawn } from './support/wall-page';

const ANDORRA = fileURLToPath(new URL('../../../shared/osm/andorra.osm.pbf', import.meta.url));
if (!existsSync(ANDORRA)) console.warn(`[district e2e] SKIPPED: ${ANDORRA} not found — it needs the ../shared/osm folder beside the checkout.`);

/** Screen offsets (px from the map's centre) of the district's parts: a street, two communities side by side, a grid drawn and a grid imported in each. */
const STREET = { dx: 0, dy: 0, half: 260 };
const COMMUNITY = { east: { dx: 125, dy: 0, half: 110 }, west: { dx: -125, dy: 0, half: 110 } };
const DRAWN_GRID = { east: { dx: 125, dy: -50, half: 40 }, west: { dx: -125, dy: -50, half: 40 } };
const IMPORTED_GRID = { east: { dx: 125, dy: 55, half: 40 }, west: { dx: -125, dy: 55, half: 40 } };

/** A grid's border as the server has it now. */
function gridRing(page: Page, code: string): Promise<[number, number][]> {
  return page.evaluate(async (c) => {
    const grids = (await (await fetch('/api/grids')).json()) as { code: string; ring: [number, number][] }[];
    return grids.find((g) => g.code === c)!.ring;
  }, code);
}

async function importFile(page: Page, kind: string, name: string, mimeType: string, buffer: Buffer, created: number): Promise<void> {
  await page.click('[data-testid=tab-imports]');
  await page.selectOption('[data-testid=import-kind]', kind);
  await page.setInputFiles('[data-testid=import-file]', { name, mimeType, buffer });
  await page.click('[data-testid=import-check]');
  await page.click('[data-testid=import-apply]');
  await page.locator('[data-testid=import-outcome]', { hasText: '已导入' }).waitFor({ timeout: 15_000 });
  expect(await page.locator('[data-testid=import-outcome]').textContent()).toContain(`新建 ${created} 个`);
}

describe.skipIf(!existsSync(ANDORRA))('a district goes live from the console alone (issue 19; Andorra extract, no demo, Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    server = await startServer(builtWeb(), { ROAD_NETWORK: ANDORRA, DEMO: '0' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('geography, stations, a team, five units, a gateway and a captain; a phone fix reaches the wall; a press opens an incident in its grid', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // An administrator lands in the console.
    await logIn(page, server.baseUrl, 'admin', server.adminPassword);
    await page.waitForURL('**/admin');

    // Geography: a street, two communities, one grid drawn in each.
    await page.click('[data-testid=tab-geography]');
    await page.waitForSelector('[data-testid=geography-tab] [data-testid=map][data-ready=true]');
    await drawGrid(page, 'street', '安道尔城街道', 'AD-S01', STREET, undefined, '安道尔城街道负责人');
    await drawGrid(page, 'community', '东社区', 'AD-C01', COMMUNITY.east, '安道尔城街道', '东社区负责人');
    await drawGrid(page, 'community', '西社区', 'AD-C02', COMMUNITY.west, '安道尔城街道', '西社区负责人');
    await drawGrid(page, 'grid', '东一网格', 'AD-G01', DRAWN_GRID.east, '东社区', '东一网格负责人');
    await drawGrid(page, 'grid', '西一网格', 'AD-G03', DRAWN_GRID.west, '西社区', '西一网格负责人');

    // A border moved after the fact: 修改顶点 on 东一网格, its north-east corner dragged further out, saved.
    await page.click('[data-testid=geo-tree] button[data-code="AD-G01"]');
    await page.click('[data-testid=grid-edit-vertices]');
    await page.waitForSelector('[data-testid=draw-hint]');
    const before = await gridRing(page, 'AD-G01');
    const mapBox = (await page.locator('[data-testid=geography-tab] [data-testid=map]').boundingBox())!;
    const ne = before.reduce((a, b) => (b[0] + b[1] > a[0] + a[1] ? b : a));
    const from = await page.evaluate((p) => window.lianfangMap!.project(p), ne);
    await page.mouse.move(mapBox.x + from.x, mapBox.y + from.y, { steps: 4 });
    await page.mouse.down();
    await page.mouse.move(mapBox.x + from.x + 12, mapBox.y + from.y - 12, { steps: 8 });
    await page.mouse.up();
    await page.click('[data-testid=grid-save]');
    await page.waitForSelector('[data-testid=geo-message]');
    const after = await gridRing(page, 'AD-G01');
    const movedNe = after.reduce((a, b) => (b[0] + b[1] > a[0] + a[1] ? b : a));
    expect(movedNe[0]).toBeGreaterThan(ne[0]);
    expect(movedNe[1]).toBeGreaterThan(ne[1]);
    expect(after.length).toBe(before.length);

    // Two stations, each placed by a click on the map.
    const c = await geoMapCentre(page);
    for (const [name, code, kind, dx] of [
      ['东安全站', 'AD-ST1', 'safety_station', 125],
      ['西安全站', 'AD-ST2', 'safety_station', -125],
    ] as const) {
      await page.click('[data-testid=new-station]');
      await page.waitForSelector('[data-testid=station-form]');
      await page.mouse.click(c.x + dx, c.y + 10);
      await page.waitForFunction(() => !/尚未定位/.test(document.querySelector('[data-testid=station-where]')?.textContent ?? '未'), null, { timeout: 10_000 });
      await page.fill('[data-testid=station-name]', name);
      await page.fill('[data-testid=station-code]', code);
      await page.selectOption('[data-testid=station-kind]', kind);
      await page.click('[data-testid=station-save]');
      await page.waitForSelector(`[data-testid=geo-tree] button[data-code="${code}"]`, { timeout: 10_000 });
    }
    const gatewayAt = await lonLatAt(page, IMPORTED_GRID.east.dx, IMPORTED_GRID.east.dy);
    const phoneAt = await lonLatAt(page, DRAWN_GRID.east.dx, DRAWN_GRID.east.dy);
    const features = [];
    for (const g of [
      { code: 'AD-G02', name: '东二网格', parentCode: 'AD-C01', square: IMPORTED_GRID.east },
      { code: 'AD-G04', name: '西二网格', parentCode: 'AD-C02', square: IMPORTED_GRID.west },
    ])
      features.push({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [await squareRing(page, g.square)] },
        properties: { code: g.code, name: g.name, level: 'grid', parentCode: g.parentCode, leader: '导入网格长', phone: '13800000000' },
      });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'district-geography-drawn.png') });

    // Two more grids from a GeoJSON file.
    await importFile(page, 'grids', '网格.geojson', 'application/geo+json', Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })), 2);

    // A team, then two units by hand (one with the id its phone's Traccar Client will send) …
    await page.click('[data-testid=tab-teams]');
    await page.fill('[data-testid=team-name]', '东区联防队');
    await page.selectOption('[data-testid=team-force]', 'security');
    await page.click('[data-testid=team-create]');
    await page.waitForSelector('[data-testid="team-row-东区联防队"]');
    await page.click('[data-testid=tab-units]');
    for (const [callsign, tracker] of [
      ['东巡01', 'ad-phone-001'],
      ['东巡02', ''],
    ] as const) {
      await page.click('[data-testid=unit-new]');
      await page.fill('[data-testid=unit-edit-callsign]', callsign);
      await page.selectOption('[data-testid=unit-edit-force]', 'security');
      await page.selectOption('[data-testid=unit-edit-mode]', 'foot');
      await page.selectOption('[data-testid=unit-edit-team]', { label: '东区联防队' });
      await page.selectOption('[data-testid=unit-edit-station]', { label: '东安全站' });
      if (tracker) await page.fill('[data-testid=unit-edit-tracker]', tracker);
      await page.click('[data-testid=unit-edit-save]');
      await page.waitForSelector(`[data-testid="unit-row-${callsign}"]`);
    }
    expect(await page.locator('[data-testid="unit-row-东巡01"]').textContent()).toContain('东安全站');

    // … and three from a roster spreadsheet saved by a Chinese Excel (GBK, Chinese headers).
    const roster = ['呼号,力量类别,巡逻方式,队伍,终端标识', '西巡01,police,car,东区联防队,ad-car-001', '西巡02,volunteer,foot,,', '西巡03,medical,car,,'].join(
      '\r\n',
    );
    await importFile(page, 'units', '力量名册.csv', 'text/csv', iconv.encode(roster, 'gbk'), 3);
    await page.click('[data-testid=tab-units]');
    for (const callsign of ['东巡01', '东巡02', '西巡01', '西巡02', '西巡03']) await page.waitForSelector(`[data-testid="unit-row-${callsign}"]`);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'district-units.png') });
    // the station shows who is based there
    await page.click('[data-testid=tab-geography]');
    await page.click('[data-testid=geo-tree] button[data-code="AD-ST1"]');
    await page.locator('[data-testid=station-units]', { hasText: '东巡01' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid=station-units]').textContent()).toBe('东巡01、东巡02');

    // A gateway at a fixed point inside 东二网格; its key is shown once.
    await page.click('[data-testid=tab-devices]');
    await page.fill('[data-testid=device-name]', '东二网格报警柱');
    await page.check('[data-testid=device-fixed]');
    // picked on the district's map: a click where the gateway stands
    await page.click('[data-testid=device-pick]');
    const picker = page.locator('[data-testid=point-picker] [data-testid=map][data-ready=true]');
    await picker.waitFor();
    const pickerBox = (await picker.boundingBox())!;
    const onPicker = await page.evaluate((p) => window.lianfangMap!.project(p), gatewayAt);
    expect(onPicker.x > 0 && onPicker.x < pickerBox.width && onPicker.y > 0 && onPicker.y < pickerBox.height).toBe(true);
    await page.mouse.click(pickerBox.x + onPicker.x, pickerBox.y + onPicker.y);
    await page.click('[data-testid=point-picker-use]');
    expect(Number(await page.inputValue('[data-testid=device-lat]'))).toBeCloseTo(gatewayAt[1], 3);
    expect(Number(await page.inputValue('[data-testid=device-lon]'))).toBeCloseTo(gatewayAt[0], 3);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'district-device-form.png') });
    await page.click('[data-testid=device-submit]');
    const gatewayKey = (await page.locator('[data-testid=device-key]').textContent({ timeout: 10_000 }))!.trim();
    expect(gatewayKey.length).toBeGreaterThan(20);
    await page.click('[data-testid=device-key-close]');

    // A captain for the team.
    await page.click('[data-testid=tab-accounts]');
    const create = page.locator('[data-testid=create-user]');
    await create.locator('input[name=username]').fill('dongqu-captain');
    await create.locator('input[name=password]').fill('captain-pass-1');
    await create.locator('select[name=role]').selectOption('captain');
    await create.locator('select[name=teamId]').selectOption({ label: '东区联防队' });
    await create.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=users-tab] >> text=dongqu-captain', { timeout: 10_000 });
    expect(pageErrors).toEqual([]);

    // The phone's first fix, as Traccar Client posts it, puts 东巡01 on the wall.
    const wall = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
    await logIn(wall, server.baseUrl, 'admin', server.adminPassword, '/wall');
    await wall.waitForURL('**/wall');
    await wall.waitForSelector('[data-testid=connection-state][data-state=live]');
    const fix = await fetch(`${server.baseUrl}/ingest/osmand`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        device_id: 'ad-phone-001',
        location: {
          timestamp: new Date().toISOString(),
          coords: { latitude: phoneAt[1], longitude: phoneAt[0], speed: 0, heading: 0, accuracy: 8, altitude: 1050 },
          battery: { level: 0.8, is_charging: false },
        },
      }),
    });
    expect(fix.status).toBe(200);
    await unitsDrawn(wall, 1, 15_000);

    // A press on the gateway opens an incident in 东二网格 and the wall shows it.
    const press = await fetch(`${server.baseUrl}/ingest/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gatewayKey}` },
      body: JSON.stringify({ kind: 'sos', idempotencyKey: 'district-e2e-press-1' }),
    });
    expect(press.status).toBe(202);
    const { incidentId } = (await press.json()) as { incidentId: string };
    const placed = await wall.evaluate(async (id) => {
      const [{ incident }, grids] = await Promise.all([
        fetch(`/api/incidents/${id}`).then((r) => r.json() as Promise<{ incident: { gridId: string | null } }>),
        fetch('/api/grids').then((r) => r.json() as Promise<{ id: string; code: string }[]>),
      ]);
      return grids.find((g) => g.id === incident.gridId)?.code ?? null;
    }, incidentId);
    expect(placed).toBe('AD-G02');
    await wall.waitForSelector(`[data-testid=incident-marker][data-incident-id="${incidentId}"]`, { timeout: 15_000 });
    await wall.screenshot({ path: join(ARTIFACTS_DIR, 'district-wall-first-alert.png') });
    await wall.context().close();
    await page.context().close();
  });
});
