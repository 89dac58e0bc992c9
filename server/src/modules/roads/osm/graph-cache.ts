import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import {
  ROAD_GRAPH_FORMAT_VERSION,
  buildRoadGraphWithStats,
  deserializeRoadGraph,
  roadGraphByteLength,
  serializeRoadGraph,
  type RoadGraph,
} from '@lianfang/shared/routing/index';
import { OSM_IMPORTER_VERSION, importOsmFile, type OsmImportStats } from './osm-import.js';

export interface RoadGraphLoadOptions {
  /** Folder for cached graphs, e.g. `${DATA_DIR}/road-graphs`. Created when missing. */
  readonly cacheDir: string;
}

export interface LoadedRoadGraph {
  readonly graph: RoadGraph;
  readonly fromCache: boolean;
  readonly cachePath: string;
  readonly stats: {
    readonly nodeCount: number;
    readonly edgeCount: number;
    /** Bytes held by the graph's arrays. */
    readonly graphBytes: number;
    /** Whole load: cache read, or import + build + cache write. */
    readonly totalMs: number;
    /** Present when the graph was built from the source file. */
    readonly importMs?: number;
    readonly buildMs?: number;
    readonly osm?: OsmImportStats;
  };
}

/**
 * Cache key: the source's absolute path, size and mtime plus the importer and graph format
 * versions. Any change to the file or to the rules that read it gives a new key, so a stale
 * graph is never served; old cache files are simply left behind.
 */
export async function roadGraphCachePath(sourcePath: string, cacheDir: string): Promise<string> {
  return osmCachePath(sourcePath, cacheDir, [OSM_IMPORTER_VERSION, ROAD_GRAPH_FORMAT_VERSION], 'graph');
}

/** A cache file for something derived from an OSM file (the graph, the place index): keyed by the file and the deriving rules' versions. */
export async function osmCachePath(sourcePath: string, cacheDir: string, versions: readonly number[], extension: string): Promise<string> {
  const absolute = resolve(sourcePath);
  const info = await stat(absolute);
  const key = createHash('sha256')
    .update(JSON.stringify([absolute, info.size, info.mtimeMs, ...versions]))
    .digest('hex')
    .slice(0, 16);
  const name = basename(absolute).replace(/[^\w.-]+/g, '_');
  return join(cacheDir, `${name}.${key}.${extension}`);
}

/**
 * Loads the road graph for an OSM file: from the disk cache when a graph for this exact
 * file exists, otherwise imports it, builds the graph and writes the cache (atomically, so
 * a crash mid-write cannot leave a half file that a restart would trust).
 */
export async function loadRoadGraph(sourcePath: string, options: RoadGraphLoadOptions): Promise<LoadedRoadGraph> {
  const started = performance.now();
  const cachePath = await roadGraphCachePath(sourcePath, options.cacheDir);
  const cached = await readCachedGraph(cachePath);
  if (cached) {
    return { graph: cached, fromCache: true, cachePath, stats: { ...sizeOf(cached), totalMs: performance.now() - started } };
  }
  const imported = await importOsmFile(sourcePath);
  const buildStarted = performance.now();
  const { graph } = buildRoadGraphWithStats(imported.network);
  const buildMs = performance.now() - buildStarted;
  await mkdir(options.cacheDir, { recursive: true });
  const temporary = `${cachePath}.${process.pid}.tmp`;
  await writeFile(temporary, new Uint8Array(serializeRoadGraph(graph)));
  await rename(temporary, cachePath);
  return {
    graph,
    fromCache: false,
    cachePath,
    stats: { ...sizeOf(graph), totalMs: performance.now() - started, importMs: imported.stats.durationMs, buildMs, osm: imported.stats },
  };
}

async function readCachedGraph(path: string): Promise<RoadGraph | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return null;
  }
  try {
    // readFile normally returns a Buffer with its own ArrayBuffer at offset 0, so the graph
    // views the file's bytes directly; copy into a fresh (aligned) buffer only if it did not.
    const aligned = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
    return deserializeRoadGraph(aligned.buffer as ArrayBuffer, aligned.byteOffset);
  } catch {
    return null; // unreadable or from another format: rebuild and overwrite
  }
}

function sizeOf(graph: RoadGraph): { nodeCount: number; edgeCount: number; graphBytes: number } {
  return { nodeCount: graph.nodeCount, edgeCount: graph.edgeCount, graphBytes: roadGraphByteLength(graph) };
}
