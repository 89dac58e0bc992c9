import type { WeightedAdjacency } from './edge-costs.js';

/**
 * Marks the nodes that are not junctions for one travel profile: exactly two neighbours,
 * reached and left the same way (one edge in and one out, or two in and two out). Most OSM
 * nodes are such shape points along a street (half of the generated city, 9 in 10 in
 * Andorra). A search walks straight through them instead of queueing each one, which takes
 * them out of the heap, the search's main cost.
 *
 * Only edges the profile may use count, so a street open to pedestrians but not to cars is a
 * chain for cars even where footpaths join it.
 */
const cache = new WeakMap<WeightedAdjacency, Uint8Array>();

export function chainNodes(adjacency: WeightedAdjacency): Uint8Array {
  let chain = cache.get(adjacency);
  if (!chain) {
    chain = classify(adjacency);
    cache.set(adjacency, chain);
  }
  return chain;
}

function classify({ nodeCount, offsets, heads, seconds }: WeightedAdjacency): Uint8Array {
  const out = new Uint8Array(nodeCount);
  const into = new Uint8Array(nodeCount);
  const first = new Int32Array(nodeCount).fill(-1);
  const second = new Int32Array(nodeCount).fill(-1);
  const more = new Uint8Array(nodeCount);
  // Parallel edges (two ways joining the same two nodes) disqualify a node: the walk would have to pick the faster one.
  const firstOut = new Int32Array(nodeCount).fill(-1);
  const firstIn = new Int32Array(nodeCount).fill(-1);
  const parallel = new Uint8Array(nodeCount);
  const neighbour = (x: number, y: number): void => {
    if (first[x] === -1) first[x] = y;
    else if (first[x] !== y && second[x] === -1) second[x] = y;
    else if (first[x] !== y && second[x] !== y) more[x] = 1;
  };
  for (let u = 0; u < nodeCount; u++) {
    for (let slot = offsets[u]!; slot < offsets[u + 1]!; slot++) {
      if (seconds[slot] === Infinity) continue;
      const v = heads[slot]!;
      if (out[u]! < 3) out[u]!++;
      if (into[v]! < 3) into[v]!++;
      if (firstOut[u] === v) parallel[u] = 1;
      else if (firstOut[u] === -1) firstOut[u] = v;
      if (firstIn[v] === u) parallel[v] = 1;
      else if (firstIn[v] === -1) firstIn[v] = u;
      neighbour(u, v);
      neighbour(v, u);
    }
  }
  const chain = new Uint8Array(nodeCount);
  for (let v = 0; v < nodeCount; v++) {
    const twoNeighbours = second[v] !== -1 && more[v] === 0;
    const passThrough = (out[v] === 1 && into[v] === 1) || (out[v] === 2 && into[v] === 2);
    if (twoNeighbours && passThrough && parallel[v] === 0) chain[v] = 1;
  }
  return chain;
}

/** The usable edge leaving chain node v that does not lead back to where the walk came from; -1 at a dead end. */
export function onwardSlot(offsets: Uint32Array, heads: Uint32Array, seconds: Float32Array, v: number, previous: number): number {
  const end = offsets[v + 1]!;
  for (let slot = offsets[v]!; slot < end; slot++) if (heads[slot] !== previous && seconds[slot]! < Infinity) return slot;
  return -1;
}
