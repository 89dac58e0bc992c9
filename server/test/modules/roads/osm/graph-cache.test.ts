import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRoadGraph, roadGraphCachePath } from '../../../../src/modules/roads/osm/graph-cache.js';
import { extractPath, hasExtract } from './osm-extracts.js';
import { SMALL_TOWN_OSM } from './small-town-osm.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lianfang-graph-cache-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadRoadGraph', () => {
  it('builds once, then a restart loads the cached graph', async () => {
    const source = join(dir, 'town.osm');
    await writeFile(source, SMALL_TOWN_OSM);
    const cacheDir = join(dir, 'cache-a');
    const first = await loadRoadGraph(source, { cacheDir });
    expect(first.fromCache).toBe(false);
    expect(first.stats.osm?.routableWays).toBe(2);
    const second = await loadRoadGraph(source, { cacheDir });
    expect(second.fromCache).toBe(true);
    expect(second.cachePath).toBe(first.cachePath);
    expect(Array.from(second.graph.lat)).toEqual(Array.from(first.graph.lat));
    expect(Array.from(second.graph.targets)).toEqual(Array.from(first.graph.targets));
  });

  it('rebuilds when the source file changes (mtime is part of the key)', async () => {
    const source = join(dir, 'changing.osm');
    await writeFile(source, SMALL_TOWN_OSM);
    const cacheDir = join(dir, 'cache-b');
    const before = await loadRoadGraph(source, { cacheDir });
    await utimes(source, new Date(), new Date(Date.now() + 5_000));
    expect(await roadGraphCachePath(source, cacheDir)).not.toBe(before.cachePath);
    expect((await loadRoadGraph(source, { cacheDir })).fromCache).toBe(false);
  });

  it('rebuilds over a corrupt cache file instead of trusting it', async () => {
    const source = join(dir, 'corrupt.osm');
    await writeFile(source, SMALL_TOWN_OSM);
    const cacheDir = join(dir, 'cache-c');
    const built = await loadRoadGraph(source, { cacheDir });
    await writeFile(built.cachePath, 'not a graph');
    const again = await loadRoadGraph(source, { cacheDir });
    expect(again.fromCache).toBe(false);
    expect((await loadRoadGraph(source, { cacheDir })).fromCache).toBe(true);
  });
});

describe.skipIf(!hasExtract('monaco.osm.pbf'))('loadRoadGraph on the Monaco extract', () => {
  it('loads the cached graph faster than importing it', async () => {
    const cacheDir = join(dir, 'cache-monaco');
    const built = await loadRoadGraph(extractPath('monaco.osm.pbf'), { cacheDir });
    const cached = await loadRoadGraph(extractPath('monaco.osm.pbf'), { cacheDir });
    expect(built.fromCache).toBe(false);
    expect(cached.fromCache).toBe(true);
    expect(cached.stats.edgeCount).toBe(built.stats.edgeCount);
    expect(cached.stats.totalMs).toBeLessThan(built.stats.totalMs);
  });
});
