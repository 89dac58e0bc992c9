import type { Grid, WhatIfReply, WhatIfRequest } from '@lianfang/shared';
import { computeCoverage, coverageWith, type CoverageOptions, type CoverageSource, type RoadGraph } from '@lianfang/shared/routing/index';
import { shareOf } from './coverage-report.js';

const ADDED = 'what-if:';

/**
 * Coverage with extra responders and/or without some units, against coverage now. Pure:
 * computed from the sources it is given, never from or into the live picture. Adding only
 * is a cheap `coverageWith` over the base; removing needs a full recompute.
 */
export function whatIfCoverage(
  graph: RoadGraph,
  base: readonly CoverageSource[],
  grids: readonly Grid[],
  request: WhatIfRequest,
  options: CoverageOptions,
): WhatIfReply {
  const before = computeCoverage(graph, base, options);
  const extra: CoverageSource[] = request.add.map((p, i) => ({ id: `${ADDED}${i}`, lat: p.lat, lon: p.lon, mode: p.mode }));
  const removed = new Set(request.removeUnitIds ?? []);
  const after = removed.size === 0 ? coverageWith(before, extra) : computeCoverage(graph, [...base.filter((s) => !removed.has(s.id)), ...extra], options);
  const limit = before.options.limitMinutes;
  const gainedCells: string[] = [];
  const lostCells: string[] = [];
  for (let c = 0; c < before.cells.length; c++) {
    const was = before.minutes[c]! <= limit;
    const is = after.minutes[c]! <= limit;
    if (is && !was) gainedCells.push(before.cells[c]!);
    if (was && !is) lostCells.push(before.cells[c]!);
  }
  const unplaced = new Set(after.unsnappedSourceIds);
  return {
    before: shareOf(before, grids),
    after: shareOf(after, grids),
    gainedCells,
    lostCells,
    unplacedAdds: extra.flatMap((s, i) => (unplaced.has(s.id) ? [i] : [])),
  };
}
