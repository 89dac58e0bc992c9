import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildRoadGraph,
  deserializeRoadGraph,
  generateCityNetwork,
  roadGraphByteLength,
  serializeRoadGraph,
  type RoadGraph,
} from '@lianfang/shared/routing/index';
import { importOsmFile } from '../../src/modules/roads/osm/osm-import.js';
import { BENCH_CITY, DEFAULT_EDGES } from './benchmark-city.js';
import { isMain, megabytes, printReport, round, timeOnce } from './bench-report.js';

const OSM_DIR = fileURLToPath(new URL('../../../../shared/osm/', import.meta.url));

interface ImportFigures {
  source: string;
  /** Reading + decoding the file (or generating the city). */
  importMs: number;
  buildMs: number;
  nodes: number;
  edges: number;
  graphMb: number;
  /** Median of 5: serializing the graph and writing it to a temporary file, then renaming it (what graph-cache.ts does after a build). */
  cacheWriteMs: number;
  /** Median of 5: reading the cached graph file and viewing it (what a restart with a warm cache costs). */
  cacheLoadMs: number;
  cacheFileMb: number;
  heapGrowthMb: number;
  /** The whole process's resident memory after the build (network input still held). */
  rssAfterBuildMb: number;
}

async function measure(source: string, load: () => Promise<{ network: Parameters<typeof buildRoadGraph>[0]; ms: number }>): Promise<ImportFigures> {
  const heapBefore = process.memoryUsage().heapUsed;
  const { network, ms: importMs } = await load();
  const { result: graph, ms: buildMs } = timeOnce(() => buildRoadGraph(network));
  const rssAfterBuildMb = megabytes(process.memoryUsage().rss);
  const dir = await mkdtemp(join(tmpdir(), 'lianfang-bench-'));
  const file = join(dir, 'graph.bin');
  // Medians of 5 writes and 5 reloads: one of each moved 3–6× between runs (page cache, GC).
  const writes: number[] = [];
  let buffer = new ArrayBuffer(0);
  for (let i = 0; i < 5; i++) {
    const writeStarted = performance.now();
    buffer = serializeRoadGraph(graph);
    await writeFile(`${file}.tmp`, new Uint8Array(buffer));
    await rename(`${file}.tmp`, file);
    writes.push(performance.now() - writeStarted);
  }
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const bytes = await readFile(file);
    deserializeRoadGraph(bytes.buffer as ArrayBuffer, bytes.byteOffset) satisfies RoadGraph;
    loads.push(performance.now() - started);
  }
  const cacheWriteMs = median(writes);
  const cacheLoadMs = median(loads);
  await rm(dir, { recursive: true, force: true });
  return {
    source,
    importMs: round(importMs),
    buildMs,
    nodes: graph.nodeCount,
    edges: graph.edgeCount,
    graphMb: megabytes(roadGraphByteLength(graph)),
    cacheWriteMs,
    cacheLoadMs,
    cacheFileMb: megabytes(buffer.byteLength),
    heapGrowthMb: megabytes(process.memoryUsage().heapUsed - heapBefore),
    rssAfterBuildMb,
  };
}

function median(values: number[]): number {
  return round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);
}

/**
 * Import time and graph memory for Monaco, Andorra (when ../shared/osm is present) and the
 * benchmark city (200k edges, or --edges; `--city-only` leaves the extracts out).
 */
export async function benchmarkImport(): Promise<{ imports: ImportFigures[]; skipped: string[] }> {
  const imports: ImportFigures[] = [];
  const skipped: string[] = [];
  for (const file of process.argv.includes('--city-only') ? [] : ['andorra.osm.pbf', 'monaco.osm.pbf']) {
    const path = `${OSM_DIR}${file}`;
    if (!existsSync(path)) {
      skipped.push(`${file}: not found in ${OSM_DIR}`);
      continue;
    }
    imports.push(
      await measure(file, async () => {
        const { network, stats } = await importOsmFile(path);
        return { network, ms: stats.durationMs };
      }),
    );
  }
  // A bigger city is measured beside the 200k one in the same run: the ratio is what to compare.
  const cities = BENCH_CITY.targetEdges === DEFAULT_EDGES ? [BENCH_CITY] : [{ ...BENCH_CITY, targetEdges: DEFAULT_EDGES }, BENCH_CITY];
  for (const city of cities) {
    imports.push(
      await measure(`generated city (${city.targetEdges} edges target)`, async () => {
        const { result: network, ms } = timeOnce(() => generateCityNetwork(city));
        return { network, ms };
      }),
    );
  }
  return { imports, skipped };
}

if (isMain(import.meta.url)) {
  const result = await benchmarkImport();
  printReport('routing-import', result, result.imports as unknown as Record<string, string | number>[]);
  for (const reason of result.skipped) console.log(`skipped ${reason}`);
}
