import os from 'node:os';
import { computeCoverage, coverageWith, reachableCells, type CoverageSource, type TravelMode } from '@lianfang/shared/routing/index';
import { benchmarkCity, cityPoints } from './benchmark-city.js';
import { isMain, printReport, round, timeOnce, timeRuns } from './bench-report.js';

const UNIT_MODES: TravelMode[] = ['car', 'car', 'moto', 'bike', 'foot'];

/**
 * Full 15-minute coverage for 500 units + 30 stations on the ~200k-edge city: the
 * multi-source recompute against the union of 530 per-unit isochrones, same run, and a check
 * that both colour every cell alike.
 */
export function benchmarkCoverage(): object {
  const graph = benchmarkCity();
  const units: CoverageSource[] = cityPoints(500, 21).map((p, i) => ({ id: `unit-${i}`, ...p, mode: UNIT_MODES[i % UNIT_MODES.length]! }));
  const stations: CoverageSource[] = cityPoints(30, 22).map((p, i) => ({ id: `station-${i}`, ...p, mode: 'car' }));
  const sources = [...units, ...stations];
  const options = { limitMinutes: 15, h3Resolution: 9, emergencyFactor: 1.3 };

  // First call prepares the graph's H3 cells (once per graph and resolution, then cached).
  const { ms: prepareMs } = timeOnce(() => computeCoverage(graph, sources.slice(0, 1), options));
  const full = timeRuns(() => computeCoverage(graph, sources, options), 7);
  const grid = computeCoverage(graph, sources, options);

  const { result: union, ms: unionMs } = timeOnce(() => {
    const best = new Float32Array(grid.minutes.length).fill(Infinity);
    for (const source of sources) {
      const one = computeCoverage(graph, [source], options);
      for (let c = 0; c < best.length; c++) if (one.minutes[c]! < best[c]!) best[c] = one.minutes[c]!;
    }
    return best;
  });
  let mismatches = 0;
  union.forEach((minutes, c) => (mismatches += Math.abs(minutes - grid.minutes[c]!) > 1e-4 ? 1 : 0));

  const extra: CoverageSource[] = [{ id: 'what-if', lat: 31.26, lon: 121.5, mode: 'moto' }];
  const whatIf = timeRuns(() => coverageWith(grid, extra), 7);

  const reachable = reachableCells(grid).length;
  const summary = {
    graph: { nodes: graph.nodeCount, edges: graph.edgeCount },
    sources: sources.length,
    cells: grid.cells.length,
    reachableCells: reachable,
    within5Min: reachableCells(grid, 5).length,
    prepareCellsMs: prepareMs,
    fullRecomputeMs: full.medianMs,
    fullRecomputeCpuMs: full.cpuMs,
    unionOfIsochronesMs: unionMs,
    speedup: round(unionMs / full.medianMs, 1),
    cellsDiffering: mismatches,
    whatIfOneUnitMs: whatIf.medianMs,
    goalUnder100Ms: full.medianMs < 100,
    goalTenTimesFaster: unionMs / full.medianMs >= 10,
    loadAverage: os.loadavg()[0],
  };
  printReport('routing-coverage', summary, [
    { step: 'first call: H3 cells, edge index, costs (once per graph)', ms: prepareMs, note: `${grid.cells.length} cells at res 9` },
    {
      step: `full recompute, ${units.length} units + ${stations.length} stations (median of 7)`,
      ms: full.medianMs,
      note: `${reachable} cells within 15 min; CPU ${full.cpuMs} ms`,
    },
    { step: `union of ${sources.length} per-unit isochrones`, ms: unionMs, note: `${round(unionMs / full.medianMs, 1)}× slower` },
    { step: 'cells where the two differ', ms: mismatches, note: 'count' },
    { step: 'what-if: + 1 unit (coverageWith, median of 7)', ms: whatIf.medianMs, note: 'base left untouched' },
  ]);
  return summary;
}

if (isMain(import.meta.url)) benchmarkCoverage();
