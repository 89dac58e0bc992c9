/**
 * Place search and reverse geocoding (issue 18): index build time and memory, search p99 on the
 * Andorra index (goal < 5 ms) and Nanjing's pinyin, reverse geocoding p99 (goal < 1 ms), and the
 * alert path with and without the address lookup, interleaved in the same run on embedded PGlite.
 *
 *   cd server && node --expose-gc --import tsx --conditions=lianfang-src bench/places/places-bench.ts [--queries=3000 --points=20000 --alerts=300]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { AlertService } from '../../src/modules/alerts/alert-service.js';
import { NO_LOCATION_TEXT } from '../../src/modules/places/describe-location.js';
import { PlaceDirectory } from '../../src/modules/places/place-directory.js';
import { readPlaceSource } from '../../src/modules/places/place-source-cache.js';
import { boxOf } from '../../src/modules/places/street-assembly.js';
import type { LiveGeography } from '../../src/modules/places/live-places.js';
import { cliOptions, machine, nowMs, printReport, round, summarize } from '../core/lib/stats.js';

const OSM_DIR = fileURLToPath(new URL('../../../../shared/osm/', import.meta.url));
const o = cliOptions();
const QUERIES = Number(o.queries ?? 3000);
const POINTS = Number(o.points ?? 20000);
const ALERTS = Number(o.alerts ?? 300);
const NO_LIVE: LiveGeography = { grids: [], gridAt: () => null, stations: [], keyAreas: new Map(), units: new Map() };

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const heapMb = (): number => {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};

/** A deterministic stream of numbers in [0, 1) (same points and queries every run). */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

async function buildFigures(file: string) {
  const before = heapMb();
  const t0 = nowMs();
  const source = await readPlaceSource(join(OSM_DIR, file));
  const t1 = nowMs();
  const directory = new PlaceDirectory(source, NO_LIVE);
  const t2 = nowMs();
  const figures = {
    extract: file,
    readMs: round(t1 - t0),
    indexMs: round(t2 - t1),
    places: directory.size,
    streets: source.streets.length,
    crossings: source.crossings.length,
    pois: source.pois.length,
    addresses: source.addresses.length,
    heapMb: round(heapMb() - before, 1),
    cacheJsonMb: round(Buffer.byteLength(JSON.stringify(source)) / 1e6, 2),
  };
  return { directory, source, figures };
}

function searchFigures(directory: PlaceDirectory, queries: readonly string[], near: { lat: number; lon: number }) {
  const random = seeded(7);
  for (let i = 0; i < 300; i++) directory.search(queries[i % queries.length]!, near, 10); // JIT warm-up
  const plain: number[] = [];
  const nearby: number[] = [];
  // CPU time beside wall time: on a shared, loaded machine the wall-clock tail is mostly waiting for a core.
  const cpu: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const q = queries[Math.floor(random() * queries.length)]!;
    const withNear = i % 2 === 0;
    const c = process.cpuUsage();
    const t = nowMs();
    directory.search(q, withNear ? near : null, 10);
    (withNear ? nearby : plain).push(nowMs() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { withoutNear: summarize(plain), withNear: summarize(nearby), all: summarize([...plain, ...nearby]), cpuMs: summarize(cpu) };
}

function reverseFigures(directory: PlaceDirectory, box: readonly [number, number, number, number]) {
  const random = seeded(11);
  const points = Array.from({ length: POINTS }, () => [box[1] + random() * (box[3] - box[1]), box[0] + random() * (box[2] - box[0])] as const);
  for (let i = 0; i < 1000; i++) directory.describe(points[i]![0], points[i]![1], null);
  const times: number[] = [];
  let named = 0;
  for (const [lat, lon] of points) {
    const t = nowMs();
    const text = directory.describe(lat, lon, null);
    times.push(nowMs() - t);
    if (text) named++;
  }
  return { ...summarize(times), namedShare: round(named / points.length, 3) };
}

/** Streets' extent: the random points fall where the streets are, not on empty mountain. */
const streetBox = (source: Awaited<ReturnType<typeof readPlaceSource>>) => boxOf(...source.streets.flatMap((s) => s.lines));

/** The alert command (commit to PGlite, event in the log) with and without the lookup, alternating press by press. */
async function alertPath(file: string) {
  const dir = mkdtempSync(join(tmpdir(), 'lf-places-bench-'));
  const config = loadConfig({}, { PORT: 0, HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: dir, ROAD_NETWORK: join(OSM_DIR, file), ALERT_DEDUPE_SECONDS: 0 });
  const app = await buildApp(config, { logger: false });
  try {
    const core = app.core;
    await core.places.directory();
    const withLookup = core.alerts;
    const without = new AlertService(core.bus, core.picture, () => null, 0, undefined, NO_LOCATION_TEXT);
    const random = seeded(3);
    const box: [number, number, number, number] = [1.51, 42.5, 1.54, 42.515]; // Andorra la Vella – Escaldes
    const press = (service: AlertService) =>
      service.raise({
        kind: 'panic',
        source: 'gateway',
        deviceId: null,
        unitId: null,
        fixedPoint: null,
        label: 'bench',
        lat: box[1] + random() * (box[3] - box[1]),
        lon: box[0] + random() * (box[2] - box[0]),
        actor: 'bench',
      });
    for (let i = 0; i < 20; i++) await press(i % 2 ? withLookup : without); // warm-up
    const times = { with: [] as number[], without: [] as number[] };
    for (let i = 0; i < ALERTS * 2; i++) {
      const service = i % 2 === 0 ? withLookup : without;
      const t = nowMs();
      await press(service);
      (service === withLookup ? times.with : times.without).push(nowMs() - t);
    }
    const describeOnly: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t = nowMs();
      core.places.describe(box[1] + random() * (box[3] - box[1]), box[0] + random() * (box[2] - box[0]));
      describeOnly.push(nowMs() - t);
    }
    return { withLookup: summarize(times.with), withoutLookup: summarize(times.without), describeInProcess: summarize(describeOnly) };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!existsSync(join(OSM_DIR, 'andorra.osm.pbf'))) {
  console.error(`places bench: ${OSM_DIR}andorra.osm.pbf not found (the extracts live in ../shared/osm beside the checkout)`);
  process.exit(1);
}
const andorra = await buildFigures('andorra.osm.pbf');
const andorraQueries = [
  'Avinguda Meritxell',
  'avinguda meritxel',
  'Carrer Major',
  'carrer majr',
  'Plaça del Poble',
  'placa',
  'Av',
  'Avinguda Carlemany',
  'Carrer de la Unió',
  'Escaldes',
  'Avinguda Meritxell / Carrer',
  'Hotel',
  'farmacia',
  'Caldea',
  'Carretera General',
  'Pas de la Casa',
];
const andorraSearch = searchFigures(andorra.directory, andorraQueries, { lat: 42.5078, lon: 1.5211 });
const andorraReverse = reverseFigures(andorra.directory, streetBox(andorra.source));
const nanjing = await buildFigures('nanjing-xinjiekou.osm.pbf');
const nanjingSearch = searchFigures(
  nanjing.directory,
  ['中山东路', 'zhongshandonglu', 'zsdl', 'zhong shan dong lu', '新街口', 'xjk', '洪武路', 'hongwu', '中山东路 洪武'],
  {
    lat: 32.0431,
    lon: 118.7789,
  },
);
const alerts = await alertPath('andorra.osm.pbf');

const rows = [
  { figure: 'Andorra: read extract (ms)', value: andorra.figures.readMs },
  { figure: 'Andorra: build index (ms)', value: andorra.figures.indexMs },
  { figure: 'Andorra: places indexed', value: andorra.figures.places },
  { figure: 'Andorra: heap (MB)', value: andorra.figures.heapMb },
  { figure: 'Andorra search p50 / p99 (ms)', value: `${andorraSearch.all.p50} / ${andorraSearch.all.p99}` },
  { figure: 'Andorra search with near p99 (ms)', value: andorraSearch.withNear.p99 },
  { figure: 'Andorra search CPU p50 / p99 (ms)', value: `${andorraSearch.cpuMs.p50} / ${andorraSearch.cpuMs.p99}` },
  { figure: 'Nanjing search p50 / p99 (ms)', value: `${nanjingSearch.all.p50} / ${nanjingSearch.all.p99}` },
  { figure: 'Andorra reverse geocoding p50 / p99 (ms)', value: `${andorraReverse.p50} / ${andorraReverse.p99}` },
  { figure: 'alert raise without lookup p50 / p99 (ms)', value: `${alerts.withoutLookup.p50} / ${alerts.withoutLookup.p99}` },
  { figure: 'alert raise with lookup p50 / p99 (ms)', value: `${alerts.withLookup.p50} / ${alerts.withLookup.p99}` },
];
printReport('places', { machine: machine(), andorra: andorra.figures, nanjing: nanjing.figures, andorraSearch, nanjingSearch, andorraReverse, alerts }, rows);
process.exit(0);
