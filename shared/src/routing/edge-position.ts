import type { SearchSource } from './dijkstra.js';
import { NO_EDGE, type RoadGraph } from './road-graph.js';
import type { SnappedPoint } from './snap.js';

/**
 * Turning a point on an edge into search sources, and reading a search at such a point.
 * A point on segment a–b (forward edge a→b, maybe a twin b→a) splits each direction into the
 * part before and after it. `seconds` are forward-edge costs for one travel profile
 * (Infinity where the mode may not pass).
 */

/** Forward search from a point: leave towards b along a→b, or towards a along the twin. */
export function departuresFrom(graph: RoadGraph, seconds: Float32Array, at: SnappedPoint): SearchSource[] {
  const e = at.edge;
  const f = at.fraction;
  const length = graph.lengthM[e]!;
  return [leg(graph.targets[e]!, 1 - f, seconds[e]!, length), leg(graph.sources[e]!, f, twinSeconds(graph, seconds, e), length)].filter(isUsable);
}

/** Reverse search to a point: arrive from a along a→b, or from b along the twin. */
export function arrivalsTo(graph: RoadGraph, seconds: Float32Array, at: SnappedPoint): SearchSource[] {
  const e = at.edge;
  const f = at.fraction;
  const length = graph.lengthM[e]!;
  return [leg(graph.sources[e]!, f, seconds[e]!, length), leg(graph.targets[e]!, 1 - f, twinSeconds(graph, seconds, e), length)].filter(isUsable);
}

/**
 * The part of a segment between the point and one end node. A zero share means the point
 * sits on that node: no edge is needed, so it costs 0 even when the edge is closed to the
 * mode (a unit standing at a junction may leave by any road).
 */
function leg(node: number, share: number, edgeSeconds: number, length: number): SearchSource {
  return share === 0 ? { node, seconds: 0, meters: 0 } : { node, seconds: share * edgeSeconds, meters: share * length };
}

function isUsable(source: SearchSource): boolean {
  return source.seconds < Infinity;
}

function twinSeconds(graph: RoadGraph, seconds: Float32Array, e: number): number {
  const twin = graph.twin[e]!;
  return twin === NO_EDGE ? Infinity : seconds[twin]!;
}

export interface TimedDistance {
  readonly seconds: number;
  readonly meters: number;
}

const UNREACHED: TimedDistance = { seconds: Infinity, meters: Infinity };

/** Read access to a finished search: seconds and route metres per node (DijkstraSearch implements it). */
export interface NodeTimes {
  secondsAt(node: number): number;
  metersAt(node: number): number;
}

/** Arrival at a point, given forward search times (from the sources to every node). */
export function arrivalAt(graph: RoadGraph, seconds: Float32Array, times: NodeTimes, at: SnappedPoint): TimedDistance {
  return cheapest(times, arrivalsTo(graph, seconds, at));
}

/** Time from a point to the search origin, given reverse search times (from every node to the origin). */
export function departureFrom(graph: RoadGraph, seconds: Float32Array, times: NodeTimes, at: SnappedPoint): TimedDistance {
  return cheapest(times, departuresFrom(graph, seconds, at));
}

function cheapest(times: NodeTimes, legs: readonly SearchSource[]): TimedDistance {
  let best = UNREACHED;
  for (const l of legs) {
    const total = times.secondsAt(l.node) + l.seconds;
    if (total < best.seconds) best = { seconds: total, meters: times.metersAt(l.node) + (l.meters ?? 0) };
  }
  return best;
}

/**
 * Travel between two points on the same segment without passing a node (a unit a few metres
 * up the street from the incident). Unreached when they are on different segments or the
 * direction needed is closed to the mode.
 */
export function alongSameSegment(graph: RoadGraph, seconds: Float32Array, from: SnappedPoint, to: SnappedPoint): TimedDistance {
  if (from.edge !== to.edge) return UNREACHED;
  const share = to.fraction - from.fraction;
  if (share === 0) return { seconds: 0, meters: 0 };
  const edgeSeconds = share > 0 ? seconds[from.edge]! : twinSeconds(graph, seconds, from.edge);
  const cost = Math.abs(share) * edgeSeconds;
  return cost < Infinity ? { seconds: cost, meters: Math.abs(share) * graph.lengthM[from.edge]! } : UNREACHED;
}

/**
 * Allocation-free arrival at a point on an edge from forward search times, for loops over
 * thousands of cells. Same rule as arrivalsTo: a point on a node needs no edge.
 */
export function arrivalSeconds(graph: RoadGraph, seconds: Float32Array, times: NodeTimes, edge: number, fraction: number): number {
  const fromSource = times.secondsAt(graph.sources[edge]!) + (fraction === 0 ? 0 : fraction * seconds[edge]!);
  const twin = graph.twin[edge]!;
  const viaTwin = fraction === 1 ? 0 : twin === NO_EDGE ? Infinity : (1 - fraction) * seconds[twin]!;
  const fromTarget = times.secondsAt(graph.targets[edge]!) + viaTwin;
  return fromSource < fromTarget ? fromSource : fromTarget;
}
