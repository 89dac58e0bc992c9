/**
 * The wall's first paint with the served basemap (issue 18), in Debian's headless Chromium, on
 * the Andorra extract: from navigation to the map's first `idle` (style, every tile in view and
 * its labels drawn), against the old map without a basemap in the same run, the same server and
 * page, with the style request blocked (MapView then draws its plain background). Alternating
 * runs, each in a fresh browser (no HTTP cache).
 *
 * Run from the repository root: `npx -y pnpm@10 bench:basemap-paint`. BENCH_RUNS (default 5).
 */
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../e2e/support/browser';
import { buildWeb } from '../e2e/support/build-web';
import { startServer } from '../e2e/support/server-process';

const ANDORRA = fileURLToPath(new URL('../../../shared/osm/andorra.osm.pbf', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Paint {
  readyMs: number;
  idleMs: number;
  tiles: number;
}

async function firstPaint(baseUrl: string, password: string, basemap: boolean): Promise<Paint> {
  // A browser per load: after about ten wall loads in one headless Chromium a load can hang (not
  // diagnosed; SwiftShader's WebGL contexts are the suspect), and every load should start alike.
  const browser: Browser = await launchChromium();
  try {
    return await paintOnce(browser, baseUrl, password, basemap);
  } finally {
    await browser.close();
  }
}

async function paintOnce(browser: Browser, baseUrl: string, password: string, basemap: boolean): Promise<Paint> {
  // No service worker in either case: it would answer the style request where page.route cannot see it.
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, serviceWorkers: 'block' });
  const page: Page = await context.newPage();
  let blocked = 0;
  if (!basemap) {
    await page.route(
      (url) => url.pathname === '/map/style.json',
      (route) => {
        blocked++;
        return route.abort();
      },
    );
  }
  // What went wrong, when a load never gets ready.
  page.on('pageerror', (e) => console.error('[page error]', String(e).slice(0, 300)));
  page.on('requestfailed', (r) => console.error('[request failed]', r.url(), r.failure()?.errorText));
  let tiles = 0;
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/tiles/')) tiles++;
  });
  // Logged in as a wall PC that reloads is: the token already in localStorage (the login form is not measured).
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  const { token } = (await login.json()) as { token: string };
  await context.addInitScript((t) => localStorage.setItem('lianfang.token', t), token);
  const started = Date.now();
  await page.goto(`${baseUrl}/wall`);
  await page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 120_000 });
  const readyMs = Date.now() - started;
  await page.waitForFunction(() => !!window.lianfangMap && window.lianfangMap.loaded() && window.lianfangMap.areTilesLoaded(), null, {
    timeout: 120_000,
    polling: 50,
  });
  const idleMs = Date.now() - started;
  const style = await page.evaluate(() => window.lianfangMap!.getStyle().name ?? '');
  await context.close();
  if (style !== (basemap ? 'lianfang-dark' : 'lianfang-background')) throw new Error(`unexpected style ${style} (style requests blocked: ${blocked})`);
  return { readyMs, idleMs, tiles };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

if (!existsSync(ANDORRA)) {
  console.warn(`[basemap paint bench] SKIPPED: ${ANDORRA} not found`);
} else {
  const webDist = await buildWeb();
  const server = await startServer(webDist, { ROAD_NETWORK: ANDORRA, DEMO_ALERT_EVERY_SECONDS: '0' });
  try {
    const withBasemap: Paint[] = [];
    const without: Paint[] = [];
    // One unmeasured load each: the server cuts nothing here (cut at start), but the first load warms its routes.
    await firstPaint(server.baseUrl, server.adminPassword, true);
    await firstPaint(server.baseUrl, server.adminPassword, false);
    for (let i = 0; i < RUNS; i++) {
      withBasemap.push(await firstPaint(server.baseUrl, server.adminPassword, true));
      without.push(await firstPaint(server.baseUrl, server.adminPassword, false));
    }
    const summary = (xs: Paint[]) => ({
      readyMedianMs: median(xs.map((p) => p.readyMs)),
      idleMedianMs: median(xs.map((p) => p.idleMs)),
      idleMaxMs: Math.max(...xs.map((p) => p.idleMs)),
      tiles: median(xs.map((p) => p.tiles)),
    });
    console.log(
      JSON.stringify({
        bench: 'basemap-first-paint',
        runs: RUNS,
        viewport: '1920x1080',
        withBasemap: summary(withBasemap),
        baselineNoBasemap: summary(without),
      }),
    );
  } finally {
    await server.stop();
    rmSync(webDist, { recursive: true, force: true });
  }
}
