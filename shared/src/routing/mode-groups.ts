import { edgeSeconds, responseProfile, type TravelProfile } from './edge-costs.js';
import type { RoadGraph } from './road-graph.js';
import type { TravelMode } from './travel-modes.js';

/** Modes that travel every edge in exactly the same time: one search serves them all. */
export interface ModeGroup {
  readonly modes: readonly TravelMode[];
  readonly profile: TravelProfile;
  /** Forward edge seconds shared by the group. */
  readonly seconds: Float32Array;
}

/**
 * Groups the modes present by identical edge costs. With the default tables car and moto
 * coincide unless tags treat them differently (e.g. `motorcycle=no`), so a coverage or ETA
 * run does one search for both instead of two.
 */
export function groupModesByCost(graph: RoadGraph, modes: Iterable<TravelMode>, emergencyFactor = 1): ModeGroup[] {
  const groups: Array<{ modes: TravelMode[]; profile: TravelProfile; seconds: Float32Array }> = [];
  for (const mode of new Set(modes)) {
    const profile = responseProfile(mode, emergencyFactor);
    const seconds = edgeSeconds(graph, profile);
    const same = groups.find((g) => sameCosts(g.seconds, seconds));
    if (same) same.modes.push(mode);
    else groups.push({ modes: [mode], profile, seconds });
  }
  return groups;
}

/** Comparing 200k floats takes ~0.2 ms; the answer is kept, as both arrays live as long as the graph. */
const comparisons = new WeakMap<Float32Array, WeakMap<Float32Array, boolean>>();

function sameCosts(a: Float32Array, b: Float32Array): boolean {
  if (a === b) return true;
  let known = comparisons.get(a);
  if (!known) {
    known = new WeakMap();
    comparisons.set(a, known);
  }
  let same = known.get(b);
  if (same === undefined) {
    same = a.length === b.length && a.every((value, i) => value === b[i]);
    known.set(b, same);
  }
  return same;
}
