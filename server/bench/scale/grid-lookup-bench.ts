/**
 * Point-in-grid at prefecture scale (issue 21): 20,000 grids (a generated street → community → grid
 * tiling), lookups through the flatbush GridIndex against the linear scan (`findContainingArea`) in
 * the same run, on the same points. Goal: < 5 µs a lookup.
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/scale/grid-lookup-bench.ts [--lookups=1000000 --baseline-lookups=2000]
 */
import { GridIndex, findContainingArea } from '@lianfang/shared';
import { cliOptions, isMain, machine, nowMs, printReport, round } from '../core/lib/stats.js';
import { prefectureTiling, tilingBox } from './grid-tiling.js';

export interface GridLookupFigures {
  areas: number;
  grids: number;
  buildMs: number;
  /** wall-clock and CPU time a lookup */
  index: { lookups: number; lookupsPerSecond: number; nsPerLookup: number; cpuNsPerLookup: number };
  linear: { lookups: number; lookupsPerSecond: number; nsPerLookup: number; cpuNsPerLookup: number };
  speedup: number;
  /** points whose answer differs between the two (must be 0) */
  mismatches: number;
  goalMet: boolean;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** A small LCG: the same points every run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

export function benchmarkGridLookup(options: { lookups?: number; baselineLookups?: number } = {}): GridLookupFigures {
  const lookups = options.lookups ?? 1_000_000;
  const baselineLookups = options.baselineLookups ?? 2_000;
  const areas = prefectureTiling();
  const [x0, y0, x1, y1] = tilingBox();
  const random = seeded(21);
  // 5 % of the points fall just outside the prefecture (a fix from a unit out of its area).
  const pad = 0.05 * (x1 - x0);
  const lons = Float64Array.from({ length: lookups }, () => x0 - pad + random() * (x1 - x0 + 2 * pad));
  const lats = Float64Array.from({ length: lookups }, () => y0 + random() * (y1 - y0));

  let t = nowMs();
  const index = new GridIndex(areas);
  const buildMs = nowMs() - t;

  for (let i = 0; i < 20_000; i++) index.find(lons[i]!, lats[i]!); // JIT warm-up
  let found = 0;
  // CPU time beside wall time: on a shared machine the wall clock also counts waiting for a core.
  let cpu = process.cpuUsage();
  t = nowMs();
  for (let i = 0; i < lookups; i++) if (index.find(lons[i]!, lats[i]!)) found++;
  const indexMs = nowMs() - t;
  const indexCpuMs = cpuMsSince(cpu);

  let mismatches = 0;
  for (let i = 0; i < 20; i++) findContainingArea(lons[i]!, lats[i]!, areas); // warm-up
  cpu = process.cpuUsage();
  t = nowMs();
  const linear: (string | undefined)[] = [];
  for (let i = 0; i < baselineLookups; i++) linear.push(findContainingArea(lons[i]!, lats[i]!, areas)?.id);
  const linearMs = nowMs() - t;
  const linearCpuMs = cpuMsSince(cpu);
  for (let i = 0; i < baselineLookups; i++) if (index.find(lons[i]!, lats[i]!)?.id !== linear[i]) mismatches++;

  const nsIndex = (indexMs * 1e6) / lookups;
  const nsLinear = (linearMs * 1e6) / baselineLookups;
  const cpuNsIndex = (indexCpuMs * 1e6) / lookups;
  const cpuNsLinear = (linearCpuMs * 1e6) / baselineLookups;
  if (found === 0) throw new Error('no point fell in a grid: the tiling or the points are wrong');
  return {
    areas: areas.length,
    grids: areas.filter((a) => a.level === 'grid').length,
    buildMs: round(buildMs, 1),
    index: { lookups, lookupsPerSecond: Math.round(1e9 / nsIndex), nsPerLookup: round(nsIndex, 0), cpuNsPerLookup: round(cpuNsIndex, 0) },
    linear: { lookups: baselineLookups, lookupsPerSecond: Math.round(1e9 / nsLinear), nsPerLookup: round(nsLinear, 0), cpuNsPerLookup: round(cpuNsLinear, 0) },
    speedup: round(nsLinear / nsIndex, 0),
    mismatches,
    goalMet: nsIndex < 5000 && mismatches === 0,
  };
}

if (isMain(import.meta.url)) {
  const o = cliOptions();
  const figures = benchmarkGridLookup({
    ...(typeof o.lookups === 'number' ? { lookups: o.lookups } : {}),
    ...(typeof o.baselineLookups === 'number' ? { baselineLookups: o.baselineLookups } : {}),
  });
  printReport('grid-lookup', { ...figures, machine: machine() }, [
    { method: 'GridIndex (flatbush)', ...figures.index },
    { method: 'linear scan (baseline)', ...figures.linear },
  ]);
}
