/**
 * Basemap benchmarks (issue 18): tile generation for Andorra and the generated 200k-edge city
 * (each in its own process: time, peak RSS, tile count and bytes, reload from the cache), then
 * tile request latency cold / warm / 304 with /healthz as the same-run baseline.
 *   cd server && npx tsx --conditions=lianfang-src bench/basemap/index.ts
 * The wall's first paint with the basemap is measured in Chromium: `npx -y pnpm@10 bench:basemap-paint`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ANDORRA, type BuildFigures } from './build-bench.js';
import { measureRequests } from './request-bench.js';

export async function runBasemapBenchmarks(): Promise<object> {
  if (!existsSync(ANDORRA)) {
    console.warn(`[basemap bench] SKIPPED: ${ANDORRA} not found (needs ../shared/osm beside the checkout)`);
    return { skipped: 'no ../shared/osm' };
  }
  const script = fileURLToPath(new URL('./build-bench.ts', import.meta.url));
  const build = (which: string): BuildFigures =>
    JSON.parse(
      execFileSync('npx', ['tsx', '--conditions=lianfang-src', '--expose-gc', script, which], { encoding: 'utf8', maxBuffer: 1e7 }).trim().split('\n').pop()!,
    ) as BuildFigures;
  const builds = [build('andorra'), build('city')];
  for (const b of builds) console.log(JSON.stringify({ bench: 'basemap-build', ...b }));
  const requests = await measureRequests();
  console.log(JSON.stringify({ bench: 'basemap-requests', ...requests }));
  return { builds, requests };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runBasemapBenchmarks();
