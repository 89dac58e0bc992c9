import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { builtWeb } from './support/built-web';
import { ARTIFACTS_DIR } from './support/paths';
import { startServer, type RunningServer } from './support/server-process';
import { mapSettled } from './support/map-settled';
import { logIn } from './support/wall-page';

const ANDORRA = fileURLToPath(new URL('../../../shared/osm/andorra.osm.pbf', import.meta.url));
if (!existsSync(ANDORRA))
  console.warn(`[basemap e2e] SKIPPED: ${ANDORRA} not found — the real-map wall test needs the ../shared/osm folder beside the checkout.`);

/** Andorra la Vella's centre, and a point on Avinguda Carlemany in Escaldes-Engordany (checked on the map by hand). */
const ANDORRA_LA_VELLA: [number, number] = [1.5218, 42.5075];
const CARLEMANY: [number, number] = [1.53804, 42.5087];

/**
 * The issue's own case: a real district's extract and nothing else (no demo, no grids yet). The wall
 * must open on the road network with its streets named, never on an empty black map.
 */
describe.skipIf(!existsSync(ANDORRA))('the wall on the Andorra extract with no demo and no grids: a named street map, not an empty one', () => {
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

  it('opens on the road network and draws Avinguda Carlemany with its name among named streets (1920×1080)', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await logIn(page, server.baseUrl, 'admin', server.adminPassword, '/wall');
    await page.waitForURL('**/wall');
    await mapSettled(page);
    // no grids: the view is the extract's streets, with the capital in it
    expect(await page.evaluate(([lon, lat]) => window.lianfangMap!.getBounds().contains([lon!, lat!]), ANDORRA_LA_VELLA)).toBe(true);
    const drawn = await page.evaluate(() => window.lianfangMap!.queryRenderedFeatures().filter((f) => f.sourceLayer === 'roads').length);
    expect(drawn).toBeGreaterThan(100);
    expect(await page.textContent('.maplibregl-ctrl-attrib')).toContain('© OpenStreetMap contributors, ODbL');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'basemap-andorra-wall-1920-overview.png') });

    await page.evaluate((c) => window.lianfangMap!.jumpTo({ center: c, zoom: 16 }), CARLEMANY);
    await mapSettled(page);
    await page.waitForFunction(() => window.lianfangMap!.queryRenderedFeatures({ layers: ['road-label'] }).length > 0, null, { timeout: 30_000 });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'basemap-andorra-wall-1920-z16.png') });
    // the street under the point is drawn with its name, and street names are placed around it
    const named = await page.evaluate(() =>
      window
        .lianfangMap!.queryRenderedFeatures()
        .filter((f) => f.sourceLayer === 'roads')
        .map((f) => String(f.properties.name ?? '')),
    );
    expect(named).toContain('Avinguda Carlemany');
    const labels = await page.evaluate(() => [
      ...new Set(window.lianfangMap!.queryRenderedFeatures({ layers: ['road-label'] }).map((f) => String(f.properties.name ?? ''))),
    ]);
    expect(labels.filter((n) => n.startsWith('Carrer') || n.startsWith('Avinguda')).length).toBeGreaterThanOrEqual(3);
    await context.close();
  });
});
