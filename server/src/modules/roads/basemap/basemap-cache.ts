import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { RoadGraph } from '@lianfang/shared/routing/index';
import { BASEMAP_MAX_ZOOM, BASEMAP_MIN_ZOOM, type BasemapSource } from './basemap-layers.js';
import { graphBasemap } from './graph-basemap.js';
import { collectOsmBasemap } from './osm-basemap-collector.js';
import { readTileArchive, writeTileArchive, type TileArchive } from './tile-archive.js';
import { buildTiles } from './tile-pyramid.js';

/** Bump when the layers, tag rules or tile cutting change, so cached tiles are rebuilt. */
export const BASEMAP_VERSION = 3;

export interface BasemapLoad {
  readonly archive: TileArchive;
  readonly fromCache: boolean;
  readonly dir: string;
}

/** Where an extract's tiles live: keyed by the file's content hash, not its path or mtime. */
export async function osmBasemapDir(extractPath: string, cacheDir: string): Promise<{ dir: string; key: string }> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(resolve(extractPath))) hash.update(chunk as Buffer);
  const key = createHash('sha256')
    .update(`${hash.digest('hex')}|${BASEMAP_VERSION}|${BASEMAP_MIN_ZOOM}-${BASEMAP_MAX_ZOOM}`)
    .digest('hex')
    .slice(0, 16);
  return { dir: join(cacheDir, `${basename(extractPath).replace(/[^\w.-]+/g, '_')}.${key}`), key };
}

/** The OSM extract's basemap: from the cache when this exact file was cut before, else cut now. */
export async function loadOsmBasemap(extractPath: string, cacheDir: string): Promise<BasemapLoad> {
  const { dir, key } = await osmBasemapDir(extractPath, cacheDir);
  return loadOrBuild(dir, key, () => collectOsmBasemap(extractPath));
}

/** The generated city's basemap, keyed by a hash of its streets (the same seed gives the same city, and the same tiles). */
export async function loadGraphBasemap(graph: RoadGraph, cacheDir: string): Promise<BasemapLoad> {
  const hash = createHash('sha256').update(`${BASEMAP_VERSION}|${BASEMAP_MIN_ZOOM}-${BASEMAP_MAX_ZOOM}|${graph.nodeCount}|${graph.edgeCount}`);
  for (const array of [graph.lat, graph.lon, graph.sources, graph.targets, graph.roadClass]) {
    hash.update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  }
  const key = hash.digest('hex').slice(0, 16);
  return loadOrBuild(join(cacheDir, `demo-city.${key}`), key, async () => graphBasemap(graph));
}

async function loadOrBuild(dir: string, key: string, source: () => Promise<BasemapSource>): Promise<BasemapLoad> {
  const cached = await readTileArchive(dir);
  if (cached && cached.meta.key === key) return { archive: cached, fromCache: true, dir };
  const started = performance.now();
  const basemap = await source();
  const archive = await writeTileArchive(
    dir,
    buildTiles(basemap),
    {
      key,
      bounds: basemap.bounds,
      minzoom: BASEMAP_MIN_ZOOM,
      maxzoom: BASEMAP_MAX_ZOOM,
      openStreetMap: basemap.openStreetMap,
      featureCount: basemap.features.length,
    },
    started,
  );
  return { archive, fromCache: false, dir };
}
