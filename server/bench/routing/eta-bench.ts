import os from 'node:os';
import {
  WALK_SPEED_KMH,
  arrivalsTo,
  edgeSeconds,
  pointToPoint,
  rankUnitsByEta,
  sharedSearch,
  snapToRoad,
  weightedAdjacency,
  type EtaUnit,
  type RoadGraph,
  type TravelMode,
} from '@lianfang/shared/routing/index';
import { BENCH_CITY, CITY_LABEL, benchmarkCity, cityPoints, numberArg, numberListArg } from './benchmark-city.js';
import { isMain, printReport, round, timeOnce, timeRuns } from './bench-report.js';

const MODES: TravelMode[] = ['car', 'car', 'moto', 'bike', 'foot'];

interface EtaOptions {
  /** Unit counts to rank (`--units=2000,5000`). */
  readonly unitCounts: readonly number[];
  /** The search's bound (`--max-minutes=15`); 30 min for the figures of issue 3. */
  readonly maxSeconds: number;
  /** How many of the units also get a separate point-to-point search (`--baseline-units=N`); the rest is extrapolated. */
  readonly baselineUnits: number;
}

function optionsOfRun(): EtaOptions {
  return {
    unitCounts: numberListArg('units', [5000]),
    maxSeconds: numberArg('max-minutes', 30) * 60,
    baselineUnits: numberArg('baseline-units', Infinity),
  };
}

interface CountFigures {
  units: number;
  rankOneSearchMs: number;
  rankOneSearchCpuMs: number;
  rankMixedModesMs: number;
  unitsWithEta: number;
  separateSearches: number;
  separateSearchesMs: number;
  /** separateSearchesMs scaled to all units when only a part was searched separately. */
  separateForAllUnitsMs: number;
  speedup: number;
  unitsCompared: number;
  maxEtaDifferenceSeconds: number;
}

/**
 * ETA of N units to one incident: one reverse search (rankUnitsByEta) against N separate
 * point-to-point searches with early exit, same run, and a check that both give the same answer.
 */
function measureCount(graph: RoadGraph, incident: { lat: number; lon: number }, count: number, options: EtaOptions): CountFigures {
  const cars: EtaUnit[] = cityPoints(count, 11).map((p, i) => ({ id: `car-${i}`, ...p, mode: 'car' }));
  const mixed: EtaUnit[] = cityPoints(count, 12).map((p, i) => ({ id: `unit-${i}`, ...p, mode: MODES[i % MODES.length]! }));
  const rankOptions = { maxSeconds: options.maxSeconds, emergencyFactor: 1.3 };
  const rankCars = timeRuns(() => rankUnitsByEta(graph, incident, cars, rankOptions), 7);
  const rankMixed = timeRuns(() => rankUnitsByEta(graph, incident, mixed, rankOptions), 7);
  const ranked = rankUnitsByEta(graph, incident, cars, rankOptions);

  const compared = cars.slice(0, Math.min(count, options.baselineUnits));
  const { result: separate, ms: separateMs } = timeOnce(() =>
    compared.map((unit) => pointToPoint(graph, unit, incident, { mode: 'car', emergencyFactor: 1.3, maxSeconds: options.maxSeconds })),
  );
  const etaById = new Map(ranked.map((r) => [r.unitId, r.etaSeconds]));
  let maxDifference = 0;
  let both = 0;
  separate.forEach((route, i) => {
    const fromRank = etaById.get(compared[i]!.id);
    if (!route || fromRank === null || fromRank === undefined) return;
    both++;
    const walk = (route.to.distanceM * 3.6) / WALK_SPEED_KMH;
    maxDifference = Math.max(maxDifference, Math.abs(route.seconds + walk - fromRank));
  });
  const separateForAll = round((separateMs * count) / compared.length);
  return {
    units: count,
    rankOneSearchMs: rankCars.medianMs,
    rankOneSearchCpuMs: rankCars.cpuMs,
    rankMixedModesMs: rankMixed.medianMs,
    unitsWithEta: ranked.filter((r) => r.etaSeconds !== null).length,
    separateSearches: compared.length,
    separateSearchesMs: separateMs,
    separateForAllUnitsMs: separateForAll,
    speedup: round(separateForAll / rankCars.medianMs, 1),
    unitsCompared: both,
    maxEtaDifferenceSeconds: round(maxDifference, 4),
  };
}

/**
 * ETA of units to one incident on the benchmark city (200k edges, or --edges): the single
 * reverse search alone, then rankUnitsByEta for each unit count against separate searches.
 */
export function benchmarkEta(options: EtaOptions = optionsOfRun()): object {
  const graph = benchmarkCity();
  const incident = { lat: BENCH_CITY.centerLat + 0.004, lon: BENCH_CITY.centerLon - 0.003 };

  // The single reverse search alone (the part the < 20 ms goal of issue 3 is about).
  const profile = { mode: 'car' as const, emergencyFactor: 1.3 };
  const target = snapToRoad(graph, incident.lat, incident.lon, { mode: 'car' })!;
  const reverse = weightedAdjacency(graph, profile, 'reverse');
  const sources = arrivalsTo(graph, edgeSeconds(graph, profile), target);
  const search = sharedSearch(graph);
  const singleSearch = timeRuns(() => search.run(reverse, sources, { maxSeconds: options.maxSeconds, trackMeters: true }), 15);
  const settled = search.settledCount;

  const counts = options.unitCounts.map((count) => measureCount(graph, incident, count, options));

  const summary = {
    graph: { nodes: graph.nodeCount, edges: graph.edgeCount, targetEdges: BENCH_CITY.targetEdges },
    maxMinutes: options.maxSeconds / 60,
    singleReverseSearchMs: singleSearch.medianMs,
    singleReverseSearchBestMs: singleSearch.minMs,
    singleReverseSearchCpuMs: singleSearch.cpuMs,
    singleReverseSearchNodesProcessed: settled,
    counts,
    loadAverage: os.loadavg()[0],
  };
  printReport('routing-eta', summary, [
    {
      step: `one reverse search, car, ${options.maxSeconds / 60} min, ${CITY_LABEL} city (median of 15)`,
      ms: singleSearch.medianMs,
      note: `${settled} nodes processed; best ${singleSearch.minMs} ms, CPU ${singleSearch.cpuMs} ms`,
    },
    ...counts.flatMap((c) => [
      {
        step: `rankUnitsByEta, ${c.units} cars (1 search + snaps + sort)`,
        ms: c.rankOneSearchMs,
        note: `median of 7, CPU ${c.rankOneSearchCpuMs} ms; ${c.unitsWithEta} within ${options.maxSeconds / 60} min`,
      },
      { step: `rankUnitsByEta, ${c.units} units of 4 modes (3 searches)`, ms: c.rankMixedModesMs, note: 'median of 7' },
      {
        step: `${c.units} separate point-to-point searches`,
        ms: c.separateForAllUnitsMs,
        note:
          c.separateSearches < c.units
            ? `${c.separateSearches} timed (${c.separateSearchesMs} ms), scaled to ${c.units}; ${c.speedup}× slower`
            : `${c.speedup}× slower`,
      },
      { step: 'max |ETA difference| between the two', ms: c.maxEtaDifferenceSeconds, note: `seconds, over ${c.unitsCompared} units` },
    ]),
  ]);
  return summary;
}

if (isMain(import.meta.url)) benchmarkEta();
