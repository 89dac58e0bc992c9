import type { Grid, Unit, WhatIfReply, WhatIfRequest } from '@lianfang/shared';
import { COVERAGE_GOAL_MINUTES } from '@lianfang/shared';
import { computeCoverage, coverageWith, type CoverageOptions, type CoverageSource, type RoadGraph } from '@lianfang/shared/routing/index';
import { jurisdictionCells, shareOf } from './coverage-report.js';

const ADDED = 'what-if:';
const MOVED = 'what-if-move:';

/**
 * Coverage with extra responders (temporary posts), units moved to new spots and/or without some
 * units, against coverage now. Pure: computed from the sources it is given, never from or into the
 * live picture. Adding only is a cheap `coverageWith` over the base; moving or removing needs a
 * full recompute. A moved unit covers from its new spot at its own mode, as if available there,
 * and no longer from where it is; `units` must hold every moved unit (the caller checks).
 */
export function whatIfCoverage(
  graph: RoadGraph,
  base: readonly CoverageSource[],
  grids: readonly Grid[],
  request: WhatIfRequest,
  options: CoverageOptions,
  units: ReadonlyMap<string, Unit> = new Map(),
): WhatIfReply {
  const before = computeCoverage(graph, base, options);
  const extra: CoverageSource[] = request.add.map((p, i) => ({ id: `${ADDED}${i}`, lat: p.lat, lon: p.lon, mode: p.mode }));
  const moves = request.move ?? [];
  const moved: CoverageSource[] = moves.map((m) => ({ id: `${MOVED}${m.unitId}`, lat: m.lat, lon: m.lon, mode: units.get(m.unitId)!.mode }));
  const gone = new Set([...(request.removeUnitIds ?? []), ...moves.map((m) => m.unitId)]);
  const after = gone.size === 0 ? coverageWith(before, extra) : computeCoverage(graph, [...base.filter((s) => !gone.has(s.id)), ...moved, ...extra], options);

  const area = jurisdictionCells(before, grids);
  const goal = COVERAGE_GOAL_MINUTES;
  const gainedCells: string[] = [];
  const lostCells: string[] = [];
  for (let c = 0; c < before.cells.length; c++) {
    const cell = before.cells[c]!;
    if (!area.has(cell)) continue;
    const was = before.minutes[c]! <= goal;
    const is = after.minutes[c]! <= goal;
    if (is && !was) gainedCells.push(cell);
    if (was && !is) lostCells.push(cell);
  }
  const unplaced = new Set(after.unsnappedSourceIds);
  return {
    before: shareOf(before, grids),
    after: shareOf(after, grids),
    goalMinutes: goal,
    gainedCells,
    lostCells,
    unplacedAdds: extra.flatMap((s, i) => (unplaced.has(s.id) ? [i] : [])),
    unplacedMoves: moves.flatMap((m) => (unplaced.has(`${MOVED}${m.unitId}`) ? [m.unitId] : [])),
  };
}
