import { coverageCells } from './coverage-cells.js';
import { weightedAdjacency } from './edge-costs.js';
import { arrivalSeconds, departuresFrom } from './edge-position.js';
import type { SearchSource } from './dijkstra.js';
import { sharedSearch } from './graph-search.js';
import { groupModesByCost } from './mode-groups.js';
import type { RoadGraph } from './road-graph.js';
import { snapToRoad, DEFAULT_SNAP_RADIUS_M } from './snap.js';
import { TRAVEL_MODES, WALK_SPEED_KMH, type TravelMode } from './travel-modes.js';

/** A unit or a fixed station that responds from where it stands. */
export interface CoverageSource {
  readonly id: string;
  readonly lat: number;
  readonly lon: number;
  readonly mode: TravelMode;
}

export interface CoverageOptions {
  /** Response time limit. Default 15 minutes. */
  readonly limitMinutes?: number;
  /** H3 resolution of the map. Default 9 (~0.1 km² cells). */
  readonly h3Resolution?: number;
  /** Blue-light speed-up for car and moto. Default 1. */
  readonly emergencyFactor?: number;
  readonly snapRadiusM?: number;
  /** Speed from the road to the centre of an off-network cell. Default 5 km/h. */
  readonly walkSpeedKmh?: number;
  /**
   * Cells whose centre is farther than this from any road are left off the map. Default 500 m
   * (6 min walk): with no land mask, a longer walk would colour the sea off a coast road and
   * bare mountainside, where no incident happens and no patrol goes.
   */
  readonly maxWalkM?: number;
}

export type ResolvedCoverageOptions = Required<CoverageOptions>;

/** Minutes to reach each H3 cell; Infinity = not within the limit. Immutable by convention: what-if builds a new grid. */
export interface CoverageGrid {
  readonly graph: RoadGraph;
  readonly options: ResolvedCoverageOptions;
  readonly sources: readonly CoverageSource[];
  /** Sources that are not near any road their mode uses; they cover nothing (no straight-line guesses). */
  readonly unsnappedSourceIds: readonly string[];
  readonly cells: readonly string[];
  readonly minutes: Float32Array;
}

export function resolveCoverageOptions(options: CoverageOptions = {}): ResolvedCoverageOptions {
  return {
    limitMinutes: options.limitMinutes ?? 15,
    h3Resolution: options.h3Resolution ?? 9,
    emergencyFactor: options.emergencyFactor ?? 1,
    snapRadiusM: options.snapRadiusM ?? DEFAULT_SNAP_RADIUS_M,
    walkSpeedKmh: options.walkSpeedKmh ?? WALK_SPEED_KMH,
    maxWalkM: options.maxWalkM ?? 500,
  };
}

/**
 * Response-time map: one bounded multi-source forward search per travel mode (modes with
 * identical edge costs share one) from all its
 * sources at once (instead of one isochrone per unit), then H3 cells take the best time of
 * their nodes; cells without nodes take the best arrival at a nearby road point plus the walk
 * to their centre. A cell is only marked reachable when a real route plus that walk fits the limit.
 */
export function computeCoverage(graph: RoadGraph, sources: readonly CoverageSource[], options: CoverageOptions = {}): CoverageGrid {
  const resolved = resolveCoverageOptions(options);
  const cells = coverageCells(graph, resolved.h3Resolution, resolved.maxWalkM);
  const limitSeconds = resolved.limitMinutes * 60;
  const walkMetresPerSecond = resolved.walkSpeedKmh / 3.6;
  const best = new Float64Array(cells.cells.length).fill(Infinity);
  const unsnapped: string[] = [];
  const search = sharedSearch(graph);

  for (const { modes, profile, seconds } of groupModesByCost(
    graph,
    TRAVEL_MODES.filter((m) => sources.some((s) => s.mode === m)),
    resolved.emergencyFactor,
  )) {
    const starts: SearchSource[] = [];
    for (const source of sources) {
      if (!modes.includes(source.mode)) continue;
      const at = snapToRoad(graph, source.lat, source.lon, { mode: source.mode, radiusM: resolved.snapRadiusM });
      if (at) starts.push(...departuresFrom(graph, seconds, at));
      else unsnapped.push(source.id);
    }
    if (starts.length === 0) continue;
    search.run(weightedAdjacency(graph, profile, 'forward'), starts, { maxSeconds: limitSeconds });

    for (let i = 0; i < search.reachedCount; i++) {
      const node = search.reachedNode(i);
      const t = search.secondsAt(node);
      const cell = cells.cellOfNode[node]!;
      if (t < best[cell]!) best[cell] = t;
    }
    for (let k = 0; k < cells.offCell.length; k++) {
      const t = arrivalSeconds(graph, seconds, search, cells.offEdge[k]!, cells.offFraction[k]!) + cells.offWalkM[k]! / walkMetresPerSecond;
      const cell = cells.offCell[k]!;
      if (t <= limitSeconds && t < best[cell]!) best[cell] = t;
    }
  }

  const minutes = new Float32Array(best.length);
  for (let c = 0; c < best.length; c++) minutes[c] = best[c]! / 60;
  return { graph, options: resolved, sources: [...sources], unsnappedSourceIds: unsnapped, cells: cells.cells, minutes };
}

/**
 * What-if: the base map plus extra sources (a unit moved in, a temporary post). Leaves the
 * base untouched. Equal to recomputing with all sources, because every step is a minimum.
 */
export function coverageWith(base: CoverageGrid, extraSources: readonly CoverageSource[]): CoverageGrid {
  const extra = computeCoverage(base.graph, extraSources, base.options);
  if (extra.minutes.length !== base.minutes.length) throw new Error('coverage grids differ in cells');
  const minutes = new Float32Array(base.minutes.length);
  for (let c = 0; c < minutes.length; c++) minutes[c] = Math.min(base.minutes[c]!, extra.minutes[c]!);
  return {
    graph: base.graph,
    options: base.options,
    sources: [...base.sources, ...extraSources],
    unsnappedSourceIds: [...base.unsnappedSourceIds, ...extra.unsnappedSourceIds],
    cells: base.cells,
    minutes,
  };
}

export interface CellMinutes {
  readonly h3: string;
  readonly minutes: number;
}

/** Cells reachable within the given minutes (default: the grid's limit), for a map layer. */
export function reachableCells(grid: CoverageGrid, withinMinutes = grid.options.limitMinutes): CellMinutes[] {
  const out: CellMinutes[] = [];
  grid.minutes.forEach((minutes, c) => {
    if (minutes <= withinMinutes) out.push({ h3: grid.cells[c]!, minutes });
  });
  return out;
}
