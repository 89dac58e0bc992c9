/**
 * Binary min-heap of node ids keyed by seconds, with decrease-key. Typed arrays sized to
 * the node count once, so a search never allocates. Each node is in the heap at most once,
 * which keeps the heap no larger than the frontier.
 */
export class IndexedMinHeap {
  private readonly nodes: Uint32Array;
  private readonly keys: Float64Array;
  /** Slot of each node in the heap, -1 when absent. */
  private readonly position: Int32Array;
  private count = 0;

  constructor(capacity: number) {
    this.nodes = new Uint32Array(capacity);
    this.keys = new Float64Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  get topKey(): number {
    return this.count > 0 ? this.keys[0]! : Infinity;
  }

  /** Inserts the node, or lowers its key if it is already queued with a larger one. */
  pushOrDecrease(node: number, key: number): void {
    let slot = this.position[node]!;
    if (slot < 0) {
      slot = this.count++;
    } else if (key >= this.keys[slot]!) {
      return;
    }
    this.siftUp(slot, node, key);
  }

  /** Removes and returns the node with the smallest key. The heap must not be empty. */
  pop(): number {
    const top = this.nodes[0]!;
    this.position[top] = -1;
    const last = --this.count;
    if (last > 0) this.siftDown(0, this.nodes[last]!, this.keys[last]!);
    return top;
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) this.position[this.nodes[i]!] = -1;
    this.count = 0;
  }

  private siftUp(start: number, node: number, key: number): void {
    const { nodes, keys, position } = this;
    let slot = start;
    while (slot > 0) {
      const parent = (slot - 1) >> 1;
      const parentKey = keys[parent]!;
      if (parentKey <= key) break;
      const parentNode = nodes[parent]!;
      nodes[slot] = parentNode;
      keys[slot] = parentKey;
      position[parentNode] = slot;
      slot = parent;
    }
    nodes[slot] = node;
    keys[slot] = key;
    position[node] = slot;
  }

  private siftDown(start: number, node: number, key: number): void {
    const { nodes, keys, position } = this;
    const count = this.count;
    let slot = start;
    for (;;) {
      let child = 2 * slot + 1;
      if (child >= count) break;
      const right = child + 1;
      if (right < count && keys[right]! < keys[child]!) child = right;
      const childKey = keys[child]!;
      if (childKey >= key) break;
      const childNode = nodes[child]!;
      nodes[slot] = childNode;
      keys[slot] = childKey;
      position[childNode] = slot;
      slot = child;
    }
    nodes[slot] = node;
    keys[slot] = key;
    position[node] = slot;
  }
}
