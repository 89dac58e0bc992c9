import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { builtWeb } from './support/built-web';
import { mapSettled } from './support/map-settled';
import { ARTIFACTS_DIR } from './support/paths';
import { startServer, type RunningServer } from './support/server-process';
import { logIn } from './support/wall-page';

const ANDORRA = fileURLToPath(new URL('../../../shared/osm/andorra.osm.pbf', import.meta.url));
const CANILLO = 'OSM-R2804754';
const ORDINO = 'OSM-R2804758';

/**
 * 从路网生成草稿 (issue 19, "Start from the extract") on a fresh server with the Andorra extract
 * and no demo: the parishes and stations come up as a draft on the map, the administrator unticks
 * a parish, renames another, checks (dry run) and imports; the tree then holds what was ticked.
 */
describe.skipIf(!existsSync(ANDORRA))('the geography draft from the Andorra extract (production build, real server, Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let webDist = '';

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    webDist = builtWeb();
    server = await startServer(webDist, { ROAD_NETWORK: ANDORRA, DEMO: '0' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draft on the map, untick and rename, dry run, import: the tree has the parishes ticked', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // an administrator lands in the console
    await logIn(page, server.baseUrl, 'admin', server.adminPassword);
    await page.waitForURL('**/admin');
    await page.click('[data-testid=tab-geography]');
    await page.waitForSelector('[data-testid=geography-tab] [data-testid=map][data-ready=true]');

    await page.click('[data-testid=geo-draft-open]');
    await page.waitForSelector('[data-testid=geo-draft][data-source=boundaries]', { timeout: 60_000 });
    const rows = await page.$$eval('[data-testid=draft-grids] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-key')));
    expect(rows).toHaveLength(9);
    expect(rows).toContain(CANILLO);
    await page.uncheck(`[data-testid=draft-grids] tr[data-key="${CANILLO}"] input[type=checkbox]`);
    await page.fill(`[data-testid=draft-grids] tr[data-key="${ORDINO}"] input.name`, '奥尔迪诺');
    expect(await page.textContent('[data-testid=draft-count]')).toMatch(/^已选 8 个区域、\d+ 个站点$/);

    await mapSettled(page);
    // the draft's own source, in amber, with the unticked parish gone from it
    const drawn = await page.evaluate(() => window.lianfangMap!.queryRenderedFeatures({ layers: ['geo-draft-street'] }).length);
    expect(drawn).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'geography-draft-andorra.png') });

    await page.click('[data-testid=draft-check]');
    await page.waitForSelector('[data-testid=geo-draft][data-phase=checked]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid=draft-report-grids] [data-testid=import-count-create] .n')).toBe('8');
    expect(await page.textContent('[data-testid=draft-report-grids] [data-testid=import-count-reject] .n')).toBe('0');
    expect(await page.textContent('[data-testid=draft-report-stations] [data-testid=import-count-reject] .n')).toBe('0');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'geography-draft-andorra-checked.png') });

    await page.click('[data-testid=draft-apply]');
    await page.waitForSelector('[data-testid=geo-message]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid=geo-message]')).toMatch(/^已导入 8 个区域、\d+ 个站点$/);
    await page.waitForSelector(`[data-testid=geo-tree] button[data-code="${ORDINO}"]`, { timeout: 10_000 });
    expect((await page.textContent(`[data-testid=geo-tree] button[data-code="${ORDINO}"]`))?.trim()).toBe('奥尔迪诺');
    expect(await page.$(`[data-testid=geo-tree] button[data-code="${CANILLO}"]`)).toBeNull();
    expect(await page.$('[data-testid=geo-tree] button[data-code="OSM-W194554955"]')).not.toBeNull();
    await mapSettled(page);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'geography-draft-andorra-imported.png') });
    expect(pageErrors).toEqual([]);
  });
});
