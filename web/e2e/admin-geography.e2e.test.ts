import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { builtWeb } from './support/built-web';
import { ARTIFACTS_DIR } from './support/paths';
import { startServer, type RunningServer } from './support/server-process';
import { drawGrid, drawSquare } from './support/geo-drawing';
import { logIn } from './support/wall-page';

describe('administration console: geography (issue 19; production build, real server without demo, Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let webDist = '';

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    webDist = builtWeb();
    server = await startServer(webDist, { DEMO: '0' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an admin draws a street, a community and a grid, imports another grid from GeoJSON, and the wall shows all four', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await logIn(page, server.baseUrl, 'admin', server.adminPassword, '/wall');
    await page.waitForURL('**/wall');
    await page.click('[data-testid=nav-admin]');
    await page.waitForURL('**/admin');
    await page.click('[data-testid=tab-geography]');
    await page.waitForSelector('[data-testid=geography-tab] [data-testid=map][data-ready=true]');

    await drawGrid(page, 'street', '测试街道', 'E2E-S01', { dx: 0, dy: 0, half: 220 });
    await drawGrid(page, 'community', '测试社区', 'E2E-C01', { dx: 0, dy: 0, half: 150 }, '测试街道');
    await drawGrid(page, 'grid', '测试一网格', 'E2E-G01', { dx: 0, dy: 0, half: 40 }, '测试社区');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'admin-geography-drawn.png') });

    // A grid that is refused names its field in Chinese: a code already used.
    await page.click('[data-testid=new-grid]');
    await drawSquare(page, { dx: 0, dy: 0, half: 30 });
    await page.fill('[data-testid=grid-name]', '重复编码');
    await page.fill('[data-testid=grid-code]', 'E2E-G01');
    await page.selectOption('[data-testid=grid-parent]', { label: '测试社区' });
    await page.click('[data-testid=grid-save]');
    expect(await page.locator('[data-testid=grid-code-error]').textContent({ timeout: 10_000 })).toContain('编码已被使用');

    // Another grid from a GeoJSON file: a square inside the community, east of the drawn grid.
    const ring = await page.evaluate(() => {
      const map = window.lianfangMap!;
      const { width, height } = map.getContainer().getBoundingClientRect();
      const at = (dx: number, dy: number) => map.unproject([width / 2 + dx, height / 2 + dy]).toArray();
      return [at(60, -40), at(120, -40), at(120, 40), at(60, 40), at(60, -40)];
    });
    const file = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: [ring] },
          properties: { code: 'E2E-G02', name: '测试二网格', level: 'grid', parentCode: 'E2E-C01', leader: '李网格长', phone: '13800000002' },
        },
      ],
    };
    await page.click('[data-testid=tab-imports]');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'admin-geography-imports.png') });
    expect(pageErrors).toEqual([]);
    await page.selectOption('[data-testid=import-kind]', 'grids');
    await page.setInputFiles('[data-testid=import-file]', {
      name: '网格.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await page.click('[data-testid=import-check]');
    await page.click('[data-testid=import-apply]');
    // the outcome line changes from the check's to the import's once the server answers
    await page.locator('[data-testid=import-outcome]', { hasText: '已导入' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid=import-outcome]').textContent()).toContain('新建 1 个');

    const ids = await page.evaluate(async () => {
      const grids = (await (await fetch('/api/grids')).json()) as { id: string; code: string }[];
      return Object.fromEntries(grids.map((g) => [g.code, g.id]));
    });
    expect(Object.keys(ids).sort()).toEqual(['E2E-C01', 'E2E-G01', 'E2E-G02', 'E2E-S01']);

    // The wall draws all four (its grids source), as any open wall would without a reload.
    await page.click('[data-testid=nav-wall]').catch(() => page.goto(`${server.baseUrl}/wall`));
    await page.waitForURL('**/wall');
    await page.waitForSelector('[data-testid=map][data-ready=true]');
    const onWall = await page.waitForFunction(
      async (want: string[]) => {
        const source = window.lianfangMap?.getSource('grids') as { getData(): Promise<{ features: { properties: { id: string } }[] }> } | undefined;
        if (!source) return false;
        const drawn = new Set((await source.getData()).features.map((f) => f.properties.id));
        return want.every((id) => drawn.has(id)) ? [...drawn].length : false;
      },
      Object.values(ids),
      { timeout: 15_000, polling: 250 },
    );
    // each grid is an outline and a label point
    expect(await onWall.jsonValue()).toBe(4);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'admin-geography-wall.png') });
    await page.context().close();
  });

  it('an admin draws a key area, gives its hours and interval, and it is listed and on the live picture', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await logIn(page, server.baseUrl, 'admin', server.adminPassword);
    await page.waitForURL('**/admin');
    await page.click('[data-testid=tab-geography]');
    await page.waitForSelector('[data-testid=geography-tab] [data-testid=map][data-ready=true]');

    await page.click('[data-testid=new-key-area]');
    await page.waitForSelector('[data-testid=draw-hint]');
    await drawSquare(page, { dx: 0, dy: 0, half: 60 });
    await page.waitForFunction(() => /4/.test(document.querySelector('[data-testid=key-area-ring-state]')?.textContent ?? ''), null, { timeout: 10_000 });
    await page.fill('[data-testid=key-area-name]', '测试重点区域');
    await page.fill('[data-testid=key-area-code]', 'E2E-KA01');
    await page.fill('[data-testid=key-area-from]', '08:00');
    await page.fill('[data-testid=key-area-to]', '22:00');
    await page.fill('[data-testid=key-area-every]', '20');
    await page.click('[data-testid=key-area-save]');
    const listed = page.locator('[data-testid=key-area-list] button[data-code="E2E-KA01"]');
    await listed.waitFor({ timeout: 10_000 });
    expect(await listed.textContent()).toContain('每 20 分钟');
    const areas = await page.evaluate(async () => (await (await fetch('/api/key-areas')).json()) as { code: string; everyMinutes: number; from: string }[]);
    expect(areas.map((a) => [a.code, a.everyMinutes, a.from])).toEqual([['E2E-KA01', 20, '08:00']]);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'admin-geography-key-area.png') });
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
