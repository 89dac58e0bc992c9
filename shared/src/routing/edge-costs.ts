import type { RoadGraph } from './road-graph.js';
import { MODE_BIT, edgeSpeedKmh, isMotorMode, type TravelMode } from './travel-modes.js';

/** How a mode travels: its speed table, optionally sped up for blue-light driving. */
export interface TravelProfile {
  readonly mode: TravelMode;
  /** Speed multiplier, e.g. 1.3 for a car or moto on an emergency run. Default 1. */
  readonly emergencyFactor?: number;
}

/** Everything a search needs to walk one direction of the graph under one profile. */
export interface WeightedAdjacency {
  readonly nodeCount: number;
  readonly offsets: Uint32Array;
  /** Node reached by each slot: targets (forward) or sources (reverse). */
  readonly heads: Uint32Array;
  /** Travel seconds per slot; Infinity where the mode may not use the edge. */
  readonly seconds: Float32Array;
  /** Edge length per slot, for reporting route distance. */
  readonly meters: Float32Array;
}

export type SearchDirection = 'forward' | 'reverse';

/**
 * Costs are computed once per graph, mode and factor, then reused: they depend on nothing
 * else, and computing them is a full pass over the edges. WeakMap so a dropped graph takes
 * its caches with it.
 */
const adjacencyCache = new WeakMap<RoadGraph, Map<string, WeightedAdjacency>>();
const reverseMetersCache = new WeakMap<RoadGraph, Float32Array>();

function profileKey(profile: TravelProfile, direction: SearchDirection): string {
  return `${profile.mode}:${profile.emergencyFactor ?? 1}:${direction}`;
}

/** Seconds to traverse each forward edge (indexed like graph.targets). */
export function edgeSeconds(graph: RoadGraph, profile: TravelProfile): Float32Array {
  return weightedAdjacency(graph, profile, 'forward').seconds;
}

export function weightedAdjacency(graph: RoadGraph, profile: TravelProfile, direction: SearchDirection): WeightedAdjacency {
  let perGraph = adjacencyCache.get(graph);
  if (!perGraph) {
    perGraph = new Map();
    adjacencyCache.set(graph, perGraph);
  }
  const key = profileKey(profile, direction);
  const cached = perGraph.get(key);
  if (cached) return cached;
  const adjacency = direction === 'forward' ? forwardAdjacency(graph, profile) : reverseAdjacency(graph, edgeSeconds(graph, profile));
  perGraph.set(key, adjacency);
  return adjacency;
}

function forwardAdjacency(graph: RoadGraph, profile: TravelProfile): WeightedAdjacency {
  const factor = profile.emergencyFactor ?? 1;
  if (!(factor > 0)) throw new RangeError(`emergencyFactor must be positive, got ${factor}`);
  const bit = MODE_BIT[profile.mode];
  const seconds = new Float32Array(graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) {
    if ((graph.access[e]! & bit) === 0) {
      seconds[e] = Infinity;
      continue;
    }
    const kmh = edgeSpeedKmh(profile.mode, graph.roadClass[e]!, graph.maxspeedKmh[e]!) * factor;
    seconds[e] = (graph.lengthM[e]! * 3.6) / kmh;
  }
  return { nodeCount: graph.nodeCount, offsets: graph.offsets, heads: graph.targets, seconds, meters: graph.lengthM };
}

/** Costs permuted into reverse-CSR order, so the reverse search reads them sequentially. */
function reverseAdjacency(graph: RoadGraph, forwardSeconds: Float32Array): WeightedAdjacency {
  const { edges } = graph.reverse;
  const seconds = new Float32Array(graph.edgeCount);
  for (let slot = 0; slot < graph.edgeCount; slot++) seconds[slot] = forwardSeconds[edges[slot]!]!;
  return { nodeCount: graph.nodeCount, offsets: graph.reverse.offsets, heads: graph.reverse.sources, seconds, meters: reverseMeters(graph) };
}

function reverseMeters(graph: RoadGraph): Float32Array {
  const cached = reverseMetersCache.get(graph);
  if (cached) return cached;
  const meters = new Float32Array(graph.edgeCount);
  const { edges } = graph.reverse;
  for (let slot = 0; slot < graph.edgeCount; slot++) meters[slot] = graph.lengthM[edges[slot]!]!;
  reverseMetersCache.set(graph, meters);
  return meters;
}

/** The profile a unit of this mode travels with; blue-light speed-up applies to motor modes only. */
export function responseProfile(mode: TravelMode, emergencyFactor = 1): TravelProfile {
  return { mode, emergencyFactor: isMotorMode(mode) ? emergencyFactor : 1 };
}
