import { DijkstraSearch, type SearchSource, type TargetResult } from './dijkstra.js';
import { weightedAdjacency, type SearchDirection, type TravelProfile } from './edge-costs.js';
import type { RoadGraph } from './road-graph.js';

/**
 * One shared DijkstraSearch per graph. Searches are synchronous, so callers on the one JS
 * thread never interleave; sharing saves allocating node-sized scratch arrays per request.
 */
const searches = new WeakMap<RoadGraph, DijkstraSearch>();

export function sharedSearch(graph: RoadGraph): DijkstraSearch {
  let search = searches.get(graph);
  if (!search) {
    search = new DijkstraSearch(graph.nodeCount);
    searches.set(graph, search);
  }
  return search;
}

export interface ShortestSecondsOptions {
  /** forward: seconds from the sources to every node; reverse: from every node to the sources. */
  readonly direction?: SearchDirection;
  readonly maxSeconds?: number;
  /** Write into this array instead of allocating one. */
  readonly out?: Float32Array;
}

/** Seconds per node (Infinity = not reached within maxSeconds) from one or more sources, each with a start offset. */
export function shortestSeconds(
  graph: RoadGraph,
  profile: TravelProfile,
  sources: readonly SearchSource[],
  options: ShortestSecondsOptions = {},
): Float32Array {
  const search = sharedSearch(graph);
  const maxSeconds = options.maxSeconds ?? Infinity;
  search.run(weightedAdjacency(graph, profile, options.direction ?? 'forward'), sources, { maxSeconds });
  return search.copySeconds(options.out);
}

/** Fastest time (and its route length) between two nodes, stopping as soon as the target is settled. */
export function nodeToNode(graph: RoadGraph, profile: TravelProfile, from: number, to: number, maxSeconds = Infinity): TargetResult {
  return sharedSearch(graph).toTargets(weightedAdjacency(graph, profile, 'forward'), [{ node: from, seconds: 0 }], [{ node: to, seconds: 0 }], {
    maxSeconds,
    trackMeters: true,
  });
}
