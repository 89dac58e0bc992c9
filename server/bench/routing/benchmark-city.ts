import { buildRoadGraph, generateCityNetwork, type RoadGraph } from '@lianfang/shared/routing/index';

/** The size every routing figure before issue 21 was taken on (docs/performance.md, "Routing"). */
export const DEFAULT_EDGES = 200_000;

/**
 * The edge target of this run: `--edges=1000000` or `BENCH_CITY_EDGES=1000000`, else 200k.
 * Read once, so every routing bench of one process measures the same city.
 */
function targetEdgesOfRun(): number {
  const flag = process.argv.find((a) => a.startsWith('--edges='))?.slice('--edges='.length);
  const raw = flag ?? process.env.BENCH_CITY_EDGES;
  if (raw === undefined || raw === '') return DEFAULT_EDGES;
  const edges = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(edges) || edges < 1_000) throw new Error(`--edges / BENCH_CITY_EDGES must be an integer ≥ 1000, got "${raw}"`);
  return edges;
}

/** The benchmark city: ~200k directed edges (or --edges) around Shanghai's People's Square, fixed seed. */
export const BENCH_CITY = { centerLat: 31.2304, centerLon: 121.4737, targetEdges: targetEdgesOfRun(), seed: 2024 } as const;

/**
 * How much wider than the 200k city this one is. The generator keeps its ~110 m blocks, so the
 * side grows with √edges; points and units spread by the same factor keep ETAs as realistic
 * as on the 200k city (not all crowded into its centre).
 */
export const CITY_SCALE = Math.sqrt(BENCH_CITY.targetEdges / DEFAULT_EDGES);

/** A label for tables: "200k-edge", "1M-edge". */
export const CITY_LABEL = BENCH_CITY.targetEdges >= 1_000_000 ? `${BENCH_CITY.targetEdges / 1_000_000}M-edge` : `${BENCH_CITY.targetEdges / 1000}k-edge`;

let city: RoadGraph | null = null;

export function benchmarkCity(): RoadGraph {
  city ??= buildRoadGraph(generateCityNetwork(BENCH_CITY));
  return city;
}

/** Deterministic points spread over the city (xorshift, so runs compare); the spread grows with the city. */
export function cityPoints(count: number, seed: number, spreadDeg = 0.07 * CITY_SCALE): { lat: number; lon: number }[] {
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

/** A numeric `--name=value` option of this run (comma lists allowed via numberListArg). */
export function numberArg(name: string, fallback: number): number {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got "${raw}"`);
  return value;
}

/** `--name=2000,5000` as numbers. */
export function numberListArg(name: string, fallback: readonly number[]): number[] {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  if (raw === undefined) return [...fallback];
  const values = raw.split(',').map((v) => Number(v.replace(/_/g, '')));
  if (values.some((v) => !Number.isInteger(v) || v <= 0)) throw new Error(`--${name} must be positive integers, got "${raw}"`);
  return values;
}
