import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Grid } from '@lianfang/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eApi } from './support/api-client';
import { launchChromium } from './support/browser';
import { builtWeb } from './support/built-web';
import { ARTIFACTS_DIR } from './support/paths';
import { startServer, type RunningServer } from './support/server-process';
import { mapSettled } from './support/map-settled';
import { logIn } from './support/wall-page';

const NANJING = fileURLToPath(new URL('../../../shared/osm/nanjing-xinjiekou.osm.pbf', import.meta.url));
if (!existsSync(NANJING))
  console.warn(`[basemap e2e] SKIPPED: ${NANJING} not found — the real-map wall test needs the ../shared/osm folder beside the checkout.`);

/** East of 新街口 on 中山东路: the street the screenshots must name. */
const XINJIEKOU_EAST: [number, number] = [118.7885, 32.0428];

async function roadLabelsInView(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const m = window.lianfangMap!;
    const names = m.queryRenderedFeatures({ layers: ['road-label'] }).map((f) => String(f.properties.name ?? ''));
    return [...new Set(names)];
  });
}

describe.skipIf(!existsSync(NANJING))('the wall on the Nanjing Xinjiekou extract: a served basemap with Chinese street names', () => {
  let server: RunningServer;
  let browser: Browser;
  let webDist = '';
  let grids: Grid[] = [];
  const tileStatuses: number[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    webDist = builtWeb();
    server = await startServer(webDist, { ROAD_NETWORK: NANJING, DEMO_ALERT_EVERY_SECONDS: '0' });
    browser = await launchChromium();
    const api = new E2eApi(server.baseUrl);
    await api.login('admin', server.adminPassword);
    grids = await api.call<Grid[]>('GET', '/api/grids');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [width, height] of [
    [1920, 1080],
    [3840, 2160],
  ] as const) {
    it(`opens on the jurisdiction and names the streets in Chinese at ${width}×${height}`, async () => {
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      page.on('response', (r) => {
        if (new URL(r.url()).pathname.startsWith('/tiles/')) tileStatuses.push(r.status());
      });
      await logIn(page, server.baseUrl, 'admin', server.adminPassword, '/wall');
      await page.waitForURL('**/wall');
      await mapSettled(page);

      // The served dark style, opened over the demo's grids (laid over the extract's streets).
      expect(await page.evaluate(() => window.lianfangMap!.getStyle().name)).toBe('lianfang-dark');
      const street = grids.filter((g) => g.level === 'street').flatMap((g) => g.ring);
      expect(street.length).toBeGreaterThan(0);
      const gridCentre = [
        (Math.min(...street.map((p) => p[0])) + Math.max(...street.map((p) => p[0]))) / 2,
        (Math.min(...street.map((p) => p[1])) + Math.max(...street.map((p) => p[1]))) / 2,
      ];
      expect(await page.evaluate(([lon, lat]) => window.lianfangMap!.getBounds().contains([lon!, lat!]), gridCentre)).toBe(true);
      // The machine has a CJK font for the labels (else they would be boxes), and the ODbL credit is on the map.
      expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans CJK SC"', '中山东路'))).toBe(true);
      expect(await page.textContent('.maplibregl-ctrl-attrib')).toContain('© OpenStreetMap contributors, ODbL');
      await page.screenshot({ path: join(ARTIFACTS_DIR, `basemap-nanjing-wall-${width}-overview.png`) });

      // Close in on 中山东路 east of 新街口.
      await page.evaluate((c) => window.lianfangMap!.jumpTo({ center: c, zoom: 16 }), XINJIEKOU_EAST);
      await mapSettled(page);
      await page.waitForFunction(() => window.lianfangMap!.queryRenderedFeatures({ layers: ['road-label'] }).length > 0, null, { timeout: 30_000 });
      // 中山东路 is drawn with its name (whether its own label wins the placement against its
      // neighbours' depends on the screen size), and Chinese street names are placed around it
      const drawn = await page.evaluate(() =>
        window
          .lianfangMap!.queryRenderedFeatures()
          .filter((f) => f.sourceLayer === 'roads')
          .map((f) => String(f.properties.name ?? '')),
      );
      expect(drawn).toContain('中山东路');
      const labels = await roadLabelsInView(page);
      expect(labels.filter((n) => /[\u4e00-\u9fff]/.test(n)).length).toBeGreaterThanOrEqual(5);
      await page.screenshot({ path: join(ARTIFACTS_DIR, `basemap-nanjing-wall-${width}-z16.png`) });

      expect(tileStatuses.length).toBeGreaterThan(0);
      expect(tileStatuses.filter((s) => ![200, 204, 304].includes(s))).toEqual([]);
      await context.close();
    });
  }
});
