import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { VectorTile } from '@mapbox/vector-tile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOsmBasemap, osmBasemapDir, type BasemapLoad } from '../../../../src/modules/roads/basemap/basemap-cache.js';
import { tileRange } from '../../../../src/modules/roads/basemap/tile-pyramid.js';
import { extractPath, hasExtract } from '../osm/osm-extracts.js';
import { decodeTile } from './decode-tile.js';

const ANDORRA = 'andorra.osm.pbf';
const NANJING = 'nanjing-xinjiekou.osm.pbf';

/** The tile at zoom z that covers (lon, lat). */
function tileAt(lon: number, lat: number, z: number): [number, number, number] {
  const r = tileRange([lon, lat, lon, lat], z);
  return [z, r.minX, r.minY];
}

function decode(load: BasemapLoad, z: number, x: number, y: number): VectorTile {
  const tile = load.archive.tile(z, x, y);
  if (!tile) throw new Error(`no tile ${z}/${x}/${y}`);
  return decodeTile(gunzipSync(tile.gzipped));
}

/** Every source-layer present in the archive's tiles at zoom z. */
function layersAtZoom(load: BasemapLoad, z: number): Set<string> {
  const seen = new Set<string>();
  const r = tileRange(load.archive.meta.bounds, z);
  for (let x = r.minX; x <= r.maxX; x++) {
    for (let y = r.minY; y <= r.maxY; y++) {
      const t = load.archive.tile(z, x, y);
      if (t) for (const name of Object.keys(decodeTile(gunzipSync(t.gzipped)).layers)) seen.add(name);
    }
  }
  return seen;
}

function names(tile: VectorTile, layer: string): string[] {
  const l = tile.layers[layer];
  if (!l) return [];
  return Array.from({ length: l.length }, (_, i) => String(l.feature(i).properties.name ?? ''));
}

describe.skipIf(!hasExtract(ANDORRA))(`basemap tiles of ../shared/osm/${ANDORRA}`, () => {
  let dir: string;
  let first: BasemapLoad;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lf-basemap-'));
    first = await loadOsmBasemap(extractPath(ANDORRA), dir);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('cuts zooms 10 to 16 over the extract, and nothing outside them', () => {
    expect(first.fromCache).toBe(false);
    const { meta } = first.archive;
    expect([meta.minzoom, meta.maxzoom]).toEqual([10, 16]);
    // Andorra la Vella lies inside the bounds.
    expect(meta.bounds[0]).toBeLessThan(1.52);
    expect(meta.bounds[2]).toBeGreaterThan(1.53);
    expect(meta.bounds[1]).toBeLessThan(42.5);
    expect(meta.bounds[3]).toBeGreaterThan(42.51);
    expect(meta.tileCount).toBeGreaterThan(1000);
    expect(first.archive.tile(9, 258, 189)).toBeNull();
    expect(first.archive.tile(17, 66816, 48892)).toBeNull();
  });

  it('puts Avinguda Carlemany, with its name, in the z16 tile that covers it, among buildings', () => {
    // A point on Avinguda Carlemany, Escaldes-Engordany (checked on the map by hand).
    const [z, x, y] = tileAt(1.53804, 42.5087, 16);
    const tile = decode(first, z, x, y);
    expect(names(tile, 'roads')).toContain('Avinguda Carlemany');
    const road = tile.layers.roads!;
    const carlemany = Array.from({ length: road.length }, (_, i) => road.feature(i)).find((f) => f.properties.name === 'Avinguda Carlemany')!;
    expect(carlemany.properties).toMatchObject({ class: 'living_street', oneway: true });
    expect(tile.layers.building?.length ?? 0).toBeGreaterThan(10);
    // Three tiles to the west the street is not: features are cut to their tiles, not copied everywhere.
    expect(names(decode(first, z, x - 3, y), 'roads')).not.toContain('Avinguda Carlemany');
  });

  it('has every layer the style draws: streets, water, rivers, land use, POIs, places, boundaries', () => {
    const seen = new Set([...layersAtZoom(first, 12), ...layersAtZoom(first, 14)]);
    expect([...seen].sort()).toEqual(expect.arrayContaining(['boundary', 'landuse', 'place', 'poi', 'roads', 'water', 'waterway']));
    // Buildings only from z15: a z14 tile of the town has none, its z15 children do.
    const [z14, x14, y14] = tileAt(1.53804, 42.5087, 14);
    expect(decode(first, z14, x14, y14).layers.building).toBeUndefined();
    const [z15, x15, y15] = tileAt(1.53804, 42.5087, 15);
    expect(decode(first, z15, x15, y15).layers.building?.length ?? 0).toBeGreaterThan(0);
  });

  it('keeps footpaths and shops out of the wide zooms', () => {
    const [z, x, y] = tileAt(1.53804, 42.5087, 12);
    const roads = decode(first, z, x, y).layers.roads!;
    const classes = new Set(Array.from({ length: roads.length }, (_, i) => String(roads.feature(i).properties.class)));
    expect(classes.has('primary') || classes.has('secondary') || classes.has('trunk')).toBe(true);
    expect(classes.has('footway')).toBe(false);
    expect(classes.has('service')).toBe(false);
  });

  it('reuses the cached tiles on a restart instead of cutting them again', async () => {
    const again = await loadOsmBasemap(extractPath(ANDORRA), dir);
    expect(again.fromCache).toBe(true);
    expect(again.dir).toBe(first.dir);
    expect(again.archive.meta).toEqual(first.archive.meta);
    const [z, x, y] = tileAt(1.53804, 42.5087, 16);
    expect(again.archive.tile(z, x, y)!.etag).toBe(first.archive.tile(z, x, y)!.etag);
  });

  it('rebuilds a cache whose tile file is damaged, rather than serving it', async () => {
    const other = mkdtempSync(join(tmpdir(), 'lf-basemap-'));
    try {
      const built = await loadOsmBasemap(extractPath(ANDORRA), other);
      writeFileSync(join(built.dir, 'tiles.bin'), 'truncated');
      const rebuilt = await loadOsmBasemap(extractPath(ANDORRA), other);
      expect(rebuilt.fromCache).toBe(false);
      expect(rebuilt.archive.meta.bytes).toBe(first.archive.meta.bytes);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 120_000);

  it('keys the cache by the extract content: a copy elsewhere shares it, another extract does not', async () => {
    const copy = join(dir, 'copy-of-andorra.osm.pbf');
    writeFileSync(copy, (await import('node:fs')).readFileSync(extractPath(ANDORRA)));
    expect((await osmBasemapDir(copy, dir)).key).toBe(first.archive.meta.key);
    if (hasExtract(NANJING)) expect((await osmBasemapDir(extractPath(NANJING), dir)).key).not.toBe(first.archive.meta.key);
  });
});

describe.skipIf(!hasExtract(NANJING))(`basemap tiles of ../shared/osm/${NANJING}`, () => {
  let dir: string;
  let load: BasemapLoad;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lf-basemap-'));
    load = await loadOsmBasemap(extractPath(NANJING), dir);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('carries Chinese street names and their English names, and the railway', () => {
    // On 中山东路 east of 新街口.
    const [z, x, y] = tileAt(118.7929, 32.04287, 15);
    const tile = decode(load, z, x, y);
    const road = tile.layers.roads!;
    const east = Array.from({ length: road.length }, (_, i) => road.feature(i)).find((f) => f.properties.name === '中山东路');
    expect(east?.properties).toMatchObject({ class: 'primary', 'name:en': 'East Zhongshan Road' });
    expect(layersAtZoom(load, 12)).toContain('railway');
  });
});
