import { createHash } from 'node:crypto';
import type { Coverage, CoverageGapSummary, CoverageShare, Grid } from '@lianfang/shared';
import { COVERAGE_GOAL_MINUTES, COVERAGE_LIMIT_MINUTES } from '@lianfang/shared';
import { coverageGaps, coverageShare, polygonCells, reachableCells, type AreaCoverageShare, type CoverageGrid } from '@lianfang/shared/routing/index';

export type CoverageBody = Pick<Coverage, 'cells' | 'share' | 'gaps' | 'gapCells'>;

const GAP_COUNT = 10;
const tenth = (v: number) => Math.round(v * 10) / 10;
const share4 = (v: number) => Math.round(v * 10_000) / 10_000;

/**
 * What a published coverage carries, from a computed grid: cells within 15 min, shares, and the
 * gaps: every cell of the jurisdiction nobody reaches within the goal (5 min), and the largest clusters of them.
 */
export function describeCoverage(grid: CoverageGrid, grids: readonly Grid[]): CoverageBody {
  const cells = reachableCells(grid, COVERAGE_LIMIT_MINUTES).map((c): [string, number] => [c.h3, tenth(c.minutes)]);
  const polygons = grids.map(asPolygon);
  const clusters = coverageGaps(grid, { withinMinutes: COVERAGE_GOAL_MINUTES, ...(polygons.length > 0 ? { polygons } : {}) });
  const gaps = clusters
    .slice(0, GAP_COUNT)
    .map((g): CoverageGapSummary => ({ cellCount: g.cellCount, lat: g.centre.lat, lon: g.centre.lon, areaKm2: Math.round(g.areaKm2 * 1000) / 1000 }));
  return { cells, share: shareOf(grid, grids), gaps, gapCells: clusters.flatMap((g) => g.cells).sort() };
}

/** The cells the figures are about: those of all grids (each once), or every cell of the map without grids. */
export function jurisdictionCells(grid: CoverageGrid, grids: readonly Grid[]): Set<string> {
  if (grids.length === 0) return new Set(grid.cells);
  return new Set(grids.flatMap((g) => polygonCells(asPolygon(g), grid.options.h3Resolution)));
}

/**
 * Share of the district within 5 and 15 minutes: each grid, and all grids together (a cell
 * in several nested grids counted once). Without grids, the whole coverage map is the district.
 */
export function shareOf(grid: CoverageGrid, grids: readonly Grid[]): CoverageShare {
  if (grids.length === 0) {
    let within5 = 0;
    let within15 = 0;
    for (const m of grid.minutes) {
      if (m <= 5) within5++;
      if (m <= 15) within15++;
    }
    const n = grid.minutes.length;
    return { overall: { within5: n ? share4(within5 / n) : 0, within15: n ? share4(within15 / n) : 0 }, perGrid: [] };
  }
  const report = coverageShare(grid, grids.map(asPolygon), [5, 15]);
  return {
    overall: pick(report.overall),
    perGrid: report.polygons.map((p) => ({ gridId: p.id, ...pick(p) })),
  };
}

/** Equal for equal content however the object travelled (jsonb reorders keys), so "changed?" is exact. */
export function coverageHash(body: Pick<Coverage, 'cells' | 'share' | 'gapCells'>): string {
  const share = [body.share.overall.within5, body.share.overall.within15, ...body.share.perGrid.map((g) => [g.gridId, g.within5, g.within15])];
  return createHash('sha1')
    .update(JSON.stringify([body.cells, share, body.gapCells ?? []]))
    .digest('hex');
}

function pick(area: AreaCoverageShare): { within5: number; within15: number } {
  const at = (minutes: number) => share4(area.within.find((w) => w.minutes === minutes)?.share ?? 0);
  return { within5: at(5), within15: at(15) };
}

function asPolygon(grid: Grid) {
  return { id: grid.id, coordinates: [grid.ring] };
}
