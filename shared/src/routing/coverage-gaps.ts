import { cellToLatLng, getHexagonAreaAvg, gridDisk } from 'h3-js';
import { coverageCells } from './coverage-cells.js';
import { polygonCells, type CoveragePolygon } from './coverage-share.js';
import type { CoverageGrid } from './coverage.js';
import type { LatLon } from './geo-distance.js';

export interface CoverageGapOptions {
  /** A cell is a gap when it takes longer than this. Default: the grid's limit. */
  readonly withinMinutes?: number;
  /** Area to look in (e.g. the patrol grids). Default: every cell on the coverage map. */
  readonly polygons?: readonly CoveragePolygon[];
  /** Ignore clusters smaller than this many cells. Default 1. */
  readonly minCells?: number;
}

export interface CoverageGap {
  readonly cells: readonly string[];
  readonly cellCount: number;
  readonly areaKm2: number;
  /** Mean of the cell centres, for a label or a "send a unit here" suggestion. */
  readonly centre: LatLon;
}

/** Clusters of neighbouring uncovered cells, largest first: where a new post would help most. */
export function coverageGaps(grid: CoverageGrid, options: CoverageGapOptions = {}): CoverageGap[] {
  const within = options.withinMinutes ?? grid.options.limitMinutes;
  const resolution = grid.options.h3Resolution;
  const { indexOf } = coverageCells(grid.graph, resolution, grid.options.maxWalkM);
  const area = options.polygons ? new Set(options.polygons.flatMap((p) => polygonCells(p, resolution))) : new Set(grid.cells);
  const uncovered = new Set<string>();
  for (const cell of area) {
    const index = indexOf.get(cell);
    const minutes = index === undefined ? Infinity : grid.minutes[index]!;
    if (!(minutes <= within)) uncovered.add(cell);
  }

  const cellAreaKm2 = getHexagonAreaAvg(resolution, 'km2');
  const gaps: CoverageGap[] = [];
  const seen = new Set<string>();
  for (const start of [...uncovered].sort()) {
    if (seen.has(start)) continue;
    const cluster = floodFill(start, uncovered, seen);
    if (cluster.length < (options.minCells ?? 1)) continue;
    gaps.push({ cells: cluster, cellCount: cluster.length, areaKm2: cluster.length * cellAreaKm2, centre: meanCentre(cluster) });
  }
  return gaps.sort((a, b) => b.cellCount - a.cellCount || (a.cells[0]! < b.cells[0]! ? -1 : 1));
}

function floodFill(start: string, members: ReadonlySet<string>, seen: Set<string>): string[] {
  const cluster: string[] = [];
  const queue = [start];
  seen.add(start);
  while (queue.length > 0) {
    const cell = queue.pop()!;
    cluster.push(cell);
    for (const next of gridDisk(cell, 1)) {
      if (members.has(next) && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return cluster.sort();
}

function meanCentre(cells: readonly string[]): LatLon {
  let lat = 0;
  let lon = 0;
  for (const cell of cells) {
    const [a, b] = cellToLatLng(cell);
    lat += a;
    lon += b;
  }
  return { lat: lat / cells.length, lon: lon / cells.length };
}
