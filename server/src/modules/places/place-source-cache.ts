import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { osmCachePath } from '../roads/osm/graph-cache.js';
import { collectOsmPlaces } from './osm-place-collector.js';
import type { PlaceSource } from './place-source.js';
import { assembleStreets, findCrossings } from './street-assembly.js';

/** Bump when what is read from the extract changes (tags, merging, crossings), so older caches are rebuilt. */
export const PLACE_SOURCE_VERSION = 1;

export interface LoadedPlaceSource {
  readonly source: PlaceSource;
  readonly fromCache: boolean;
  readonly cachePath: string;
  readonly durationMs: number;
}

/** The extract's streets, crossings, POIs and addresses: from the cache beside the road graph, else read and cached. */
export async function loadPlaceSource(osmPath: string, cacheDir: string): Promise<LoadedPlaceSource> {
  const started = performance.now();
  const cachePath = await osmCachePath(osmPath, cacheDir, [PLACE_SOURCE_VERSION], 'places.json');
  const cached = await readCached(cachePath);
  if (cached) return { source: cached, fromCache: true, cachePath, durationMs: performance.now() - started };
  const source = await readPlaceSource(osmPath);
  await mkdir(cacheDir, { recursive: true });
  const temporary = `${cachePath}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(source));
  await rename(temporary, cachePath); // atomic: a crash never leaves a half file a restart would trust
  return { source, fromCache: false, cachePath, durationMs: performance.now() - started };
}

export async function readPlaceSource(osmPath: string): Promise<PlaceSource> {
  const osm = await collectOsmPlaces(osmPath);
  return { streets: assembleStreets(osm.lines), crossings: findCrossings(osm.lines), pois: osm.pois, addresses: osm.addresses };
}

async function readCached(path: string): Promise<PlaceSource | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<PlaceSource>;
    if (!Array.isArray(parsed.streets) || !Array.isArray(parsed.crossings) || !Array.isArray(parsed.pois) || !Array.isArray(parsed.addresses)) return null;
    return parsed as PlaceSource;
  } catch {
    return null; // missing or unreadable: rebuild and overwrite
  }
}
