import { buildRoadGraph, generateCityNetwork, type RoadGraph } from '@lianfang/shared/routing/index';

/** The benchmark city: ~200k directed edges around Shanghai's People's Square, fixed seed. */
export const BENCH_CITY = { centerLat: 31.2304, centerLon: 121.4737, targetEdges: 200_000, seed: 2024 } as const;

let city: RoadGraph | null = null;

export function benchmarkCity(): RoadGraph {
  city ??= buildRoadGraph(generateCityNetwork(BENCH_CITY));
  return city;
}

/** Deterministic points spread over the city (xorshift, so runs compare). */
export function cityPoints(count: number, seed: number, spreadDeg = 0.07): { lat: number; lon: number }[] {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => ({
    lat: BENCH_CITY.centerLat + (next() - 0.5) * spreadDeg,
    lon: BENCH_CITY.centerLon + (next() - 0.5) * spreadDeg * 1.15,
  }));
}
