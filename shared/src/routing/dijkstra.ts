import { chainNodes, onwardSlot } from './chain-nodes.js';
import type { WeightedAdjacency } from './edge-costs.js';
import { MinHeap } from './min-heap.js';

/** A start node with the seconds (and metres) already spent reaching it, e.g. from a point mid-edge. */
export interface SearchSource {
  readonly node: number;
  readonly seconds: number;
  readonly meters?: number;
}

export interface SearchOptions {
  /** Nodes farther than this are left unreached (Infinity). Default: unbounded. */
  readonly maxSeconds?: number;
  /** Also accumulate the length of the fastest route (slower; ETA needs it, coverage does not). */
  readonly trackMeters?: boolean;
}

export interface TargetResult {
  readonly seconds: number;
  readonly meters: number;
}

/**
 * Dijkstra over a WeightedAdjacency (forward or reverse CSR under one travel profile).
 * One instance per graph size; its scratch arrays are reused by every search, and only the
 * nodes a search touched are reset before the next one, so a small bounded search costs
 * what it explores, not what the graph holds.
 *
 * Results of the last `run` stay readable through `secondsAt`, `reachedNode` and `copySeconds`
 * until the next search.
 */
export class DijkstraSearch {
  readonly nodeCount: number;
  private readonly seconds: Float64Array;
  private readonly meters: Float32Array;
  private readonly touched: Uint32Array;
  private touchedCount = 0;
  private readonly heap: MinHeap;
  private targetOffset: Float64Array | null = null;
  /** Nodes settled from the heap or walked through in chains by the last search (a measure of its work). */
  settledCount = 0;

  constructor(nodeCount: number) {
    this.nodeCount = nodeCount;
    this.seconds = new Float64Array(nodeCount).fill(Infinity);
    this.meters = new Float32Array(nodeCount);
    this.touched = new Uint32Array(nodeCount);
    this.heap = new MinHeap(nodeCount + 16);
  }

  /** Full (bounded) search: afterwards every node within maxSeconds holds its exact time. */
  run(adjacency: WeightedAdjacency, sources: readonly SearchSource[], options: SearchOptions = {}): void {
    this.search(adjacency, sources, options.maxSeconds ?? Infinity, options.trackMeters ?? false, null);
  }

  /**
   * Fastest way from any source to any target, where each target adds its own final offset
   * (the part of an edge from a node to a point on it). Stops as soon as no better answer is possible.
   */
  toTargets(adjacency: WeightedAdjacency, sources: readonly SearchSource[], targets: readonly SearchSource[], options: SearchOptions = {}): TargetResult {
    const offsets = (this.targetOffset ??= new Float64Array(this.nodeCount).fill(Infinity));
    for (const t of targets) offsets[t.node] = Math.min(offsets[t.node]!, t.seconds);
    try {
      return this.search(adjacency, sources, options.maxSeconds ?? Infinity, options.trackMeters ?? false, targets);
    } finally {
      for (const t of targets) offsets[t.node] = Infinity;
    }
  }

  secondsAt(node: number): number {
    return this.seconds[node]!;
  }

  /** Route metres to the node; meaningful only after a search with `trackMeters`. */
  metersAt(node: number): number {
    return this.seconds[node] === Infinity ? Infinity : this.meters[node]!;
  }

  /** Number of nodes the last search reached (all settled after `run`). */
  get reachedCount(): number {
    return this.touchedCount;
  }

  reachedNode(index: number): number {
    return this.touched[index]!;
  }

  /** Seconds per node from the last `run`, Infinity where unreached. */
  copySeconds(out: Float32Array = new Float32Array(this.nodeCount)): Float32Array {
    out.fill(Infinity);
    for (let i = 0; i < this.touchedCount; i++) {
      const node = this.touched[i]!;
      out[node] = this.seconds[node]!;
    }
    return out;
  }

  private reset(): void {
    for (let i = 0; i < this.touchedCount; i++) this.seconds[this.touched[i]!] = Infinity;
    this.touchedCount = 0;
    this.heap.clear();
    this.settledCount = 0;
  }

  private search(
    adjacency: WeightedAdjacency,
    sources: readonly SearchSource[],
    maxSeconds: number,
    trackMeters: boolean,
    targets: readonly SearchSource[] | null,
  ): TargetResult {
    if (adjacency.nodeCount !== this.nodeCount) throw new RangeError('search built for a graph of another size');
    this.reset();
    const { offsets, heads, seconds: edgeSeconds, meters: edgeMeters } = adjacency;
    const chain = chainNodes(adjacency);
    const { seconds, meters, touched, heap } = this;
    for (const source of sources) {
      const node = source.node;
      if (!(node >= 0 && node < this.nodeCount)) throw new RangeError(`source node ${node} out of range`);
      if (!(source.seconds <= maxSeconds) || !(source.seconds < seconds[node]!)) continue;
      if (seconds[node] === Infinity) touched[this.touchedCount++] = node;
      seconds[node] = source.seconds;
      meters[node] = source.meters ?? 0;
      heap.push(node, source.seconds);
    }
    const targetOffset = targets ? this.targetOffset! : null;
    let best = Infinity;
    let bestNode = -1;
    let settled = 0;
    while (heap.size > 0) {
      const key = heap.topKey;
      if (key >= best) break;
      const u = heap.topNode;
      heap.pop();
      if (key > seconds[u]!) continue; // stale entry: u was improved after this push
      settled++;
      if (targetOffset && key + targetOffset[u]! < best) {
        best = key + targetOffset[u]!;
        bestNode = u;
      }
      const base = trackMeters ? meters[u]! : 0;
      const end = offsets[u + 1]!;
      for (let slot = offsets[u]!; slot < end; slot++) {
        let next = key + edgeSeconds[slot]!;
        let v = heads[slot]!;
        if (!(next < seconds[v]! && next <= maxSeconds)) continue;
        let routeMeters = base + edgeMeters[slot]!;
        // Walk along a chain of non-junction nodes without queueing them: there is only one
        // way on. Their times are final once the walks from both chain ends have run.
        let previous = u;
        while (chain[v] === 1) {
          if (seconds[v] === Infinity) touched[this.touchedCount++] = v;
          seconds[v] = next;
          if (trackMeters) meters[v] = routeMeters;
          settled++;
          if (targetOffset && next + targetOffset[v]! < best) {
            best = next + targetOffset[v]!;
            bestNode = v;
          }
          const onward = onwardSlot(offsets, heads, edgeSeconds, v, previous);
          const after = onward < 0 ? Infinity : next + edgeSeconds[onward]!;
          const w = onward < 0 ? -1 : heads[onward]!;
          if (w < 0 || !(after < seconds[w]! && after <= maxSeconds)) break; // dead end, bound, or already reached sooner
          previous = v;
          v = w;
          next = after;
          routeMeters += edgeMeters[onward]!;
        }
        if (chain[v] === 1) continue; // the walk ended inside the chain
        if (seconds[v] === Infinity) touched[this.touchedCount++] = v;
        seconds[v] = next;
        if (trackMeters) meters[v] = routeMeters;
        heap.push(v, next);
      }
    }
    this.settledCount = settled;
    if (!targets || bestNode < 0 || !(best <= maxSeconds)) return { seconds: Infinity, meters: Infinity };
    return { seconds: best, meters: trackMeters ? meters[bestNode]! + finalLegMeters(targets, bestNode) : NaN };
  }
}

/** Metres of the partial edge from the winning node to its target point (the cheapest target on that node). */
function finalLegMeters(targets: readonly SearchSource[], node: number): number {
  let seconds = Infinity;
  let result = 0;
  for (const t of targets) {
    if (t.node === node && t.seconds < seconds) {
      seconds = t.seconds;
      result = t.meters ?? 0;
    }
  }
  return result;
}
