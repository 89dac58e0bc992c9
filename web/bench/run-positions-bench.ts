/**
 * Wall benchmark (issue 5): 5,000 units moving once a second, in Debian's headless Chromium.
 * Measures the main-thread time of one batch of 5,000 positions through the app's own path
 * (PositionCoalescer → units store → UnitsLayer's GPU layer: typed-array slot writes, repaint request),
 * against a baseline in the same run, interleaved batch by batch: the old path, the same units as
 * GeoJSON features handed to a GeoJSON source's setData and MapLibre's hand-off to its worker (no
 * coalescer, store or Vue). Plus the whole main-thread time per batch of each path alone, the other's
 * markers hidden, from Chrome's own counters (CDP Performance.TaskDuration, idle subtracted): this
 * includes the GPU upload and the frames drawn (on the CPU here: SwiftShader).
 * The GPU layer asks for a frame at once, and Chrome may draw it before the next task; without a GPU
 * the main thread then waits ~300 ms for SwiftShader. That frame is reported apart (frameInsideWindowMs,
 * appPathWithThatFrameMs) and is part of the whole-main-thread figure, not of the batch's processing.
 *
 * Run from the repository root: `npx -y pnpm@10 bench:wall` (or `npx tsx web/bench/run-positions-bench.ts`).
 * Options: BENCH_UNITS (5000), BENCH_BATCHES (20), BENCH_PROBE=1 (unminified build, plus a CPU profile of
 * the app path: top functions by self time, to see where a batch goes), BENCH_SCREENSHOT=file.png (the
 * page after the run, app markers shown).
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { TEST_HOOKS_MODE } from '../vite.config';
import type { FeedTimes } from './positions-page';

const WEB = fileURLToPath(new URL('..', import.meta.url));
const UNITS = Number(process.env.BENCH_UNITS ?? 5000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 20);
/** A little over a second apart: each batch is its own second, as 1 Hz trackers make it. */
const SPACING_MS = 1100;
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

interface Bench {
  probe(): Record<string, number | string>;
  ready: Promise<void>;
  feed(step: number): Promise<FeedTimes>;
  bare(step: number): Promise<number>;
  takeSetDataMs(): number[];
  softwareRendering: boolean;
  show(which: 'app' | 'bare'): void;
  probeFrame(step: number): Promise<Record<string, number>>;
  check(): { drawn: number; u1: { x: number; y: number } | null };
}
declare global {
  interface Window {
    bench: Bench;
  }
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { median: +q(0.5).toFixed(2), p90: +q(0.9).toFixed(2), max: +s[s.length - 1]!.toFixed(2), n: s.length };
};

async function main(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'lianfang-wall-bench-'));
  // Test-hooks mode: the page checks the drawn units through `window.lianfangUnits`.
  await build({
    root: WEB,
    mode: TEST_HOOKS_MODE,
    configFile: join(WEB, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, minify: process.env.BENCH_PROBE ? false : 'esbuild', rollupOptions: { input: join(WEB, 'bench/positions.html') } },
  });
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
    const file = join(outDir, path);
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    page.on('console', (m) => m.type() === 'error' && console.error('page console:', m.text()));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value;
    await page.goto(`http://127.0.0.1:${port}/bench/positions.html?units=${UNITS}`);
    await page.waitForFunction(() => 'bench' in window, undefined, { timeout: 60_000 });
    await page.evaluate(() => window.bench.ready);
    const software = await page.evaluate(() => window.bench.softwareRendering);

    const pace = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // Warm up the JIT and the map's tile cache.
    for (let i = 1; i <= 3; i++) {
      await page.evaluate((s) => window.bench.feed(s), i);
      await pace(SPACING_MS);
    }
    // The GPU layer must really draw the units and follow them: count, and unit u1 moving on screen.
    const before = await page.evaluate(() => window.bench.check());
    await page.evaluate(() => window.bench.feed(4));
    const after = await page.evaluate(() => window.bench.check());
    const u1Moved = !!before.u1 && !!after.u1 && Math.hypot(after.u1.x - before.u1.x, after.u1.y - before.u1.y) > 0.01;
    if (after.drawn !== UNITS || !u1Moved) throw new Error(`GPU layer not following: ${JSON.stringify({ before, after })}`);
    await page.evaluate(() => window.bench.takeSetDataMs());
    if (process.env.BENCH_PROBE) {
      for (let i = 0; i < 3; i++) console.log(JSON.stringify(await page.evaluate(() => window.bench.probe())));
      for (let i = 0; i < 3; i++) {
        console.log('frame stages (ms after the batch):', JSON.stringify(await page.evaluate((s) => window.bench.probeFrame(s), 40 + i)));
        await pace(SPACING_MS);
      }
      // Where the app path spends its time: a CPU profile of a few batches, top functions by self time.
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      for (let i = 0; i < 5; i++) {
        await page.evaluate((s) => window.bench.feed(s), 50 + i);
        await pace(SPACING_MS);
      }
      const { profile } = await cdp.send('Profiler.stop');
      const self = new Map<string, number>();
      const dt = profile.timeDeltas ?? [];
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      (profile.samples ?? []).forEach((id, i) => {
        const n = byId.get(id)!;
        const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
      });
      console.log(
        [...self]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 25)
          .map(([k, v]) => `${v.toFixed(1)} ms  ${k}`)
          .join('\n'),
      );
    }

    // Idle: the same map with nothing arriving (what the page costs anyway: clocks, idle frames).
    let t0 = await taskSeconds();
    await pace(SPACING_MS * 5);
    const idlePerSlot = (((await taskSeconds()) - t0) / 5) * 1000;

    // The app's path and the baseline, interleaved batch by batch so both meet the same load
    // (this machine is shared): JS main-thread time per batch, measured in the page.
    await page.evaluate(() => window.bench.bare(1));
    await page.evaluate(() => window.bench.takeSetDataMs());
    const feedMs: number[] = [];
    const bareMs: number[] = [];
    const stages = {
      coalescer: [] as number[],
      store: [] as number[],
      layer: [] as number[],
      layerSync: [] as number[],
      frameInWindow: [] as number[],
      raw: [] as number[],
    };
    for (let i = 0; i < BATCHES; i++) {
      let began = Date.now();
      const r = await page.evaluate((s) => window.bench.feed(s), 10 + i);
      feedMs.push(r.total);
      stages.coalescer.push(r.coalescer);
      stages.store.push(r.store);
      stages.layer.push(r.layer);
      stages.layerSync.push(r.layerSync);
      stages.frameInWindow.push(r.frameInWindow);
      stages.raw.push(r.raw);
      await pace(SPACING_MS - (Date.now() - began));
      began = Date.now();
      bareMs.push(await page.evaluate((s) => window.bench.bare(s), 100 + i));
      await pace(SPACING_MS - (Date.now() - began));
    }
    const setDataMs = await page.evaluate(() => window.bench.takeSetDataMs());

    // Whole main thread (Chrome's TaskDuration: scripts, style, the map's tiling hand-off and its
    // WebGL frames, here on the CPU) per batch of the app's path alone, idle subtracted.
    await page.evaluate(() => window.bench.show('app'));
    await pace(SPACING_MS);
    t0 = await taskSeconds();
    for (let i = 0; i < BATCHES; i++) {
      const began = Date.now();
      await page.evaluate((s) => window.bench.feed(s), 200 + i);
      await pace(SPACING_MS - (Date.now() - began));
    }
    const appTaskPerBatch = (((await taskSeconds()) - t0) / BATCHES) * 1000 - idlePerSlot;
    if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_SCREENSHOT });
    // The same for the baseline alone, the app's units layer hidden.
    await page.evaluate(() => window.bench.show('bare'));
    await pace(SPACING_MS);
    t0 = await taskSeconds();
    for (let i = 0; i < BATCHES; i++) {
      const began = Date.now();
      await page.evaluate((s) => window.bench.bare(s), 300 + i);
      await pace(SPACING_MS - (Date.now() - began));
    }
    const bareTaskPerBatch = (((await taskSeconds()) - t0) / BATCHES) * 1000 - idlePerSlot;

    const app = stats(feedMs);
    const bare = stats(bareMs);
    const result = {
      units: UNITS,
      batches: BATCHES,
      softwareRendering: software,
      loadavg: loadavg().map((x) => +x.toFixed(2)),
      appPathMs: app,
      appStagesMedianMs: {
        coalescer: stats(stages.coalescer).median,
        store: stats(stages.store).median,
        layer: stats(stages.layer).median,
        layerWatcherOnly: stats(stages.layerSync).median,
      },
      // The frame the browser drew between the batch and the next task (excluded above: it is rendering,
      // counted in mainThreadPerBatchMs), and the app path with it.
      frameInsideWindowMs: stats(stages.frameInWindow),
      appPathWithThatFrameMs: stats(stages.raw),
      bareFeaturesAndSetDataMs: bare,
      setDataInsideBareMs: stats(setDataMs),
      appOverBareMedian: +(app.median / bare.median).toFixed(2),
      appOverBareMainThread: +(appTaskPerBatch / bareTaskPerBatch).toFixed(3),
      mainThreadPerBatchMs: {
        app: +appTaskPerBatch.toFixed(1),
        bare: +bareTaskPerBatch.toFixed(1),
        idlePerSecond: +((idlePerSlot / SPACING_MS) * 1000).toFixed(1),
      },
      goal: 'app path < 8 ms per batch of 5,000',
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
