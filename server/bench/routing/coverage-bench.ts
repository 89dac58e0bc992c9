import os from 'node:os';
import { computeCoverage, coverageWith, reachableCells, type CoverageSource, type TravelMode } from '@lianfang/shared/routing/index';
import { CITY_LABEL, benchmarkCity, cityPoints, numberArg } from './benchmark-city.js';
import { isMain, printReport, round, timeOnce, timeRuns } from './bench-report.js';

const UNIT_MODES: TravelMode[] = ['car', 'car', 'moto', 'bike', 'foot'];

/**
 * Full 15-minute coverage for 500 units (`--coverage-units=N`) + 30 stations on the benchmark
 * city (200k edges, or --edges): the multi-source recompute against the union of per-unit
 * isochrones, same run, and a check that both colour every cell alike. `--baseline-sources=N`
 * builds the union from the first N sources only (a big city would take minutes): it is then
 * compared with the recompute of those N and its time scaled to all sources.
 */
export function benchmarkCoverage(): object {
  const graph = benchmarkCity();
  const unitCount = numberArg('coverage-units', 500);
  const units: CoverageSource[] = cityPoints(unitCount, 21).map((p, i) => ({ id: `unit-${i}`, ...p, mode: UNIT_MODES[i % UNIT_MODES.length]! }));
  const stations: CoverageSource[] = cityPoints(30, 22).map((p, i) => ({ id: `station-${i}`, ...p, mode: 'car' }));
  const sources = [...units, ...stations];
  const options = { limitMinutes: 15, h3Resolution: 9, emergencyFactor: 1.3 };

  // First call prepares the graph's H3 cells (once per graph and resolution, then cached).
  const { ms: prepareMs } = timeOnce(() => computeCoverage(graph, sources.slice(0, 1), options));
  const full = timeRuns(() => computeCoverage(graph, sources, options), 7);
  const grid = computeCoverage(graph, sources, options);

  const baselineSources = sources.slice(0, Math.min(sources.length, numberArg('baseline-sources', Infinity)));
  const reference = baselineSources.length === sources.length ? grid : computeCoverage(graph, baselineSources, options);
  const { result: union, ms: unionTimedMs } = timeOnce(() => {
    const best = new Float32Array(grid.minutes.length).fill(Infinity);
    for (const source of baselineSources) {
      const one = computeCoverage(graph, [source], options);
      for (let c = 0; c < best.length; c++) if (one.minutes[c]! < best[c]!) best[c] = one.minutes[c]!;
    }
    return best;
  });
  const unionMs = round((unionTimedMs * sources.length) / baselineSources.length);
  let mismatches = 0;
  union.forEach((minutes, c) => (mismatches += Math.abs(minutes - reference.minutes[c]!) > 1e-4 ? 1 : 0));

  const extra: CoverageSource[] = [{ id: 'what-if', lat: 31.26, lon: 121.5, mode: 'moto' }];
  const whatIf = timeRuns(() => coverageWith(grid, extra), 7);

  const reachable = reachableCells(grid).length;
  const summary = {
    graph: { nodes: graph.nodeCount, edges: graph.edgeCount },
    units: units.length,
    sources: sources.length,
    cells: grid.cells.length,
    reachableCells: reachable,
    within5Min: reachableCells(grid, 5).length,
    prepareCellsMs: prepareMs,
    fullRecomputeMs: full.medianMs,
    fullRecomputeCpuMs: full.cpuMs,
    unionSourcesTimed: baselineSources.length,
    unionTimedMs,
    unionOfIsochronesMs: unionMs,
    speedup: round(unionMs / full.medianMs, 1),
    cellsDiffering: mismatches,
    whatIfOneUnitMs: whatIf.medianMs,
    goalUnder100Ms: full.medianMs < 100,
    goalTenTimesFaster: unionMs / full.medianMs >= 10,
    loadAverage: os.loadavg()[0],
  };
  printReport('routing-coverage', summary, [
    { step: `first call: H3 cells, edge index, costs (once per graph), ${CITY_LABEL} city`, ms: prepareMs, note: `${grid.cells.length} cells at res 9` },
    {
      step: `full recompute, ${units.length} units + ${stations.length} stations (median of 7)`,
      ms: full.medianMs,
      note: `${reachable} cells within 15 min; CPU ${full.cpuMs} ms`,
    },
    {
      step: `union of ${sources.length} per-unit isochrones`,
      ms: unionMs,
      note:
        baselineSources.length < sources.length
          ? `${baselineSources.length} timed (${unionTimedMs} ms), scaled; ${round(unionMs / full.medianMs, 1)}× slower`
          : `${round(unionMs / full.medianMs, 1)}× slower`,
    },
    { step: 'cells where the two differ', ms: mismatches, note: 'count' },
    { step: 'what-if: + 1 unit (coverageWith, median of 7)', ms: whatIf.medianMs, note: 'base left untouched' },
  ]);
  return summary;
}

if (isMain(import.meta.url)) benchmarkCoverage();
