import { polygonToCells } from 'h3-js';
import { coverageCells } from './coverage-cells.js';
import type { CoverageGrid } from './coverage.js';

/** A GeoJSON Polygon's coordinates: rings of [lon, lat], the first the outline, the rest holes. */
export interface CoveragePolygon {
  readonly id: string;
  readonly coordinates: readonly (readonly (readonly number[])[])[];
}

export interface ShareWithin {
  readonly minutes: number;
  readonly cells: number;
  /** cells / cellCount, 0 for an empty area. */
  readonly share: number;
}

export interface AreaCoverageShare {
  readonly cellCount: number;
  readonly within: readonly ShareWithin[];
}

export interface PolygonCoverageShare extends AreaCoverageShare {
  readonly id: string;
}

export interface CoverageShareReport {
  readonly polygons: readonly PolygonCoverageShare[];
  /** All polygons together, each cell counted once even where polygons overlap. */
  readonly overall: AreaCoverageShare;
}

/** H3 cells whose centre lies inside the polygon, at the grid's resolution. */
export function polygonCells(polygon: CoveragePolygon, resolution: number): string[] {
  return polygonToCells(
    polygon.coordinates.map((ring) => ring.map((p) => [p[0]!, p[1]!])),
    resolution,
    true,
  );
}

/**
 * Share of each polygon (patrol grid, key area) reachable within each threshold, default
 * 5 and 15 minutes. Cells of a polygon that are not on the coverage map count as not covered.
 */
export function coverageShare(grid: CoverageGrid, polygons: readonly CoveragePolygon[], thresholdsMinutes: readonly number[] = [5, 15]): CoverageShareReport {
  const { indexOf } = coverageCells(grid.graph, grid.options.h3Resolution, grid.options.maxWalkM);
  const minutesOf = (cell: string): number => {
    const index = indexOf.get(cell);
    return index === undefined ? Infinity : grid.minutes[index]!;
  };
  const all = new Set<string>();
  const perPolygon = polygons.map((polygon) => {
    const cells = polygonCells(polygon, grid.options.h3Resolution);
    for (const cell of cells) all.add(cell);
    return { id: polygon.id, ...shareOf(cells, minutesOf, thresholdsMinutes) };
  });
  return { polygons: perPolygon, overall: shareOf([...all], minutesOf, thresholdsMinutes) };
}

function shareOf(cells: readonly string[], minutesOf: (cell: string) => number, thresholds: readonly number[]): AreaCoverageShare {
  const minutes = cells.map(minutesOf);
  return {
    cellCount: cells.length,
    within: thresholds.map((limit) => {
      const count = minutes.filter((m) => m <= limit).length;
      return { minutes: limit, cells: count, share: cells.length === 0 ? 0 : count / cells.length };
    }),
  };
}
