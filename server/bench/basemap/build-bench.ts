/**
 * Basemap tile generation: time, peak memory and size, for one source per child process (so
 * one source's garbage does not count against the next). Run by ./index.ts; alone:
 *   cd server && npx tsx --conditions=lianfang-src bench/basemap/build-bench.ts andorra|city
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRoadGraph, generateCityNetwork } from '@lianfang/shared/routing/index';
import { loadGraphBasemap, loadOsmBasemap, type BasemapLoad } from '../../src/modules/roads/basemap/basemap-cache.js';
import { BENCH_CITY } from '../routing/benchmark-city.js';

export const ANDORRA = fileURLToPath(new URL('../../../../shared/osm/andorra.osm.pbf', import.meta.url));

export interface BuildFigures {
  source: string;
  features: number;
  tiles: number;
  tileMB: number;
  buildMs: number;
  reloadFromCacheMs: number;
  peakRssMB: number;
  rssBeforeMB: number;
  edges?: number;
}

const mb = (bytes: number) => Math.round((bytes / 1e6) * 10) / 10;

export async function measureBuild(which: 'andorra' | 'city'): Promise<BuildFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'lf-basemap-bench-'));
  try {
    let edges: number | undefined;
    let load: () => Promise<BasemapLoad>;
    if (which === 'andorra') load = () => loadOsmBasemap(ANDORRA, dir);
    else {
      const graph = buildRoadGraph(generateCityNetwork(BENCH_CITY));
      edges = graph.edgeCount;
      load = () => loadGraphBasemap(graph, dir);
    }
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    // The build yields between tiles, so this sampler sees the heap as it grows.
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const built = await load();
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const started = performance.now();
    const again = await load();
    const reloadFromCacheMs = Math.round(performance.now() - started);
    if (!again.fromCache) throw new Error('second load did not come from the cache');
    const m = built.archive.meta;
    return {
      source: which === 'andorra' ? 'andorra.osm.pbf' : `generated city (${BENCH_CITY.targetEdges} edges target)`,
      features: m.featureCount,
      tiles: m.tileCount,
      tileMB: mb(m.bytes),
      buildMs: m.buildMs,
      reloadFromCacheMs,
      peakRssMB: mb(peak),
      rssBeforeMB: mb(rssBefore),
      ...(edges !== undefined ? { edges } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const which = process.argv[2] === 'city' ? 'city' : 'andorra';
  console.log(JSON.stringify(await measureBuild(which)));
}
