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
  type TravelMode,
} from '@lianfang/shared/routing/index';
import { BENCH_CITY, benchmarkCity, cityPoints } from './benchmark-city.js';
import { isMain, printReport, round, timeOnce, timeRuns } from './bench-report.js';

const UNIT_COUNT = 5000;
const MAX_SECONDS = 1800;

/**
 * ETA of 5,000 units to one incident: one reverse search (rankUnitsByEta) against 5,000
 * separate point-to-point searches with early exit, on the ~200k-edge city, same run, and
 * checks that both give the same answer.
 */
export function benchmarkEta(): object {
  const graph = benchmarkCity();
  const incident = { lat: BENCH_CITY.centerLat + 0.004, lon: BENCH_CITY.centerLon - 0.003 };
  const cars: EtaUnit[] = cityPoints(UNIT_COUNT, 11).map((p, i) => ({ id: `car-${i}`, ...p, mode: 'car' }));
  const modes: TravelMode[] = ['car', 'car', 'moto', 'bike', 'foot'];
  const mixed: EtaUnit[] = cityPoints(UNIT_COUNT, 12).map((p, i) => ({ id: `unit-${i}`, ...p, mode: modes[i % modes.length]! }));

  // The single reverse search alone (the part the < 20 ms goal is about).
  const profile = { mode: 'car' as const, emergencyFactor: 1.3 };
  const target = snapToRoad(graph, incident.lat, incident.lon, { mode: 'car' })!;
  const reverse = weightedAdjacency(graph, profile, 'reverse');
  const sources = arrivalsTo(graph, edgeSeconds(graph, profile), target);
  const search = sharedSearch(graph);
  const singleSearch = timeRuns(() => search.run(reverse, sources, { maxSeconds: MAX_SECONDS, trackMeters: true }), 15);
  const settled = search.settledCount;

  const rankCars = timeRuns(() => rankUnitsByEta(graph, incident, cars, { maxSeconds: MAX_SECONDS, emergencyFactor: 1.3 }), 7);
  const rankMixed = timeRuns(() => rankUnitsByEta(graph, incident, mixed, { maxSeconds: MAX_SECONDS, emergencyFactor: 1.3 }), 7);
  const ranked = rankUnitsByEta(graph, incident, cars, { maxSeconds: MAX_SECONDS, emergencyFactor: 1.3 });

  const { result: separate, ms: separateMs } = timeOnce(() =>
    cars.map((unit) => pointToPoint(graph, unit, incident, { mode: 'car', emergencyFactor: 1.3, maxSeconds: MAX_SECONDS })),
  );
  const etaById = new Map(ranked.map((r) => [r.unitId, r.etaSeconds]));
  let maxDifference = 0;
  let compared = 0;
  separate.forEach((route, i) => {
    const fromRank = etaById.get(cars[i]!.id);
    if (!route || fromRank === null || fromRank === undefined) return;
    compared++;
    const walk = (route.to.distanceM * 3.6) / WALK_SPEED_KMH;
    maxDifference = Math.max(maxDifference, Math.abs(route.seconds + walk - fromRank));
  });

  const summary = {
    graph: { nodes: graph.nodeCount, edges: graph.edgeCount },
    units: UNIT_COUNT,
    singleReverseSearchMs: singleSearch.medianMs,
    singleReverseSearchBestMs: singleSearch.minMs,
    singleReverseSearchCpuMs: singleSearch.cpuMs,
    singleReverseSearchNodesProcessed: settled,
    rankOneSearchMs: rankCars.medianMs,
    rankMixedModesMs: rankMixed.medianMs,
    separateSearchesMs: separateMs,
    speedup: round(separateMs / rankCars.medianMs, 1),
    unitsCompared: compared,
    maxEtaDifferenceSeconds: round(maxDifference, 4),
    goalSingleSearchUnder20Ms: singleSearch.medianMs < 20,
    loadAverage: os.loadavg()[0],
  };
  printReport('routing-eta', summary, [
    {
      step: 'one reverse search, car, whole city (median of 15)',
      ms: singleSearch.medianMs,
      note: `${settled} nodes processed; best ${singleSearch.minMs} ms, CPU ${singleSearch.cpuMs} ms`,
    },
    { step: `rankUnitsByEta, ${UNIT_COUNT} cars (1 search + snaps + sort)`, ms: rankCars.medianMs, note: 'median of 7' },
    { step: `rankUnitsByEta, ${UNIT_COUNT} units of 4 modes (3 searches: car and moto share one)`, ms: rankMixed.medianMs, note: 'median of 7' },
    { step: `${UNIT_COUNT} separate point-to-point searches`, ms: separateMs, note: `${round(separateMs / rankCars.medianMs, 1)}× slower` },
    { step: 'max |ETA difference| between the two', ms: round(maxDifference, 4), note: `seconds, over ${compared} units` },
  ]);
  return summary;
}

if (isMain(import.meta.url)) benchmarkEta();
