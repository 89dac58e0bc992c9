import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
import { BENCH_CITY } from './benchmark-city.js';
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
  /** Reading the cached graph file and viewing it (what a restart with a warm cache costs). */
  cacheLoadMs: number;
  cacheFileMb: number;
  heapGrowthMb: number;
}

async function measure(source: string, load: () => Promise<{ network: Parameters<typeof buildRoadGraph>[0]; ms: number }>): Promise<ImportFigures> {
  const heapBefore = process.memoryUsage().heapUsed;
  const { network, ms: importMs } = await load();
  const { result: graph, ms: buildMs } = timeOnce(() => buildRoadGraph(network));
  const dir = await mkdtemp(join(tmpdir(), 'lianfang-bench-'));
  const file = join(dir, 'graph.bin');
  const buffer = serializeRoadGraph(graph);
  await writeFile(file, new Uint8Array(buffer));
  const started = performance.now();
  const bytes = await readFile(file);
  deserializeRoadGraph(bytes.buffer as ArrayBuffer, bytes.byteOffset) satisfies RoadGraph;
  const cacheLoadMs = round(performance.now() - started);
  await rm(dir, { recursive: true, force: true });
  return {
    source,
    importMs: round(importMs),
    buildMs,
    nodes: graph.nodeCount,
    edges: graph.edgeCount,
    graphMb: megabytes(roadGraphByteLength(graph)),
    cacheLoadMs,
    cacheFileMb: megabytes(buffer.byteLength),
    heapGrowthMb: megabytes(process.memoryUsage().heapUsed - heapBefore),
  };
}

/** Import time and graph memory for Monaco, Andorra (when ../shared/osm is present) and the 200k-edge city. */
export async function benchmarkImport(): Promise<{ imports: ImportFigures[]; skipped: string[] }> {
  const imports: ImportFigures[] = [];
  const skipped: string[] = [];
  for (const file of ['andorra.osm.pbf', 'monaco.osm.pbf']) {
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
  imports.push(
    await measure(`generated city (${BENCH_CITY.targetEdges} edges target)`, async () => {
      const { result: network, ms } = timeOnce(() => generateCityNetwork(BENCH_CITY));
      return { network, ms };
    }),
  );
  return { imports, skipped };
}

if (isMain(import.meta.url)) {
  const result = await benchmarkImport();
  printReport('routing-import', result, result.imports as unknown as Record<string, string | number>[]);
  for (const reason of result.skipped) console.log(`skipped ${reason}`);
}
