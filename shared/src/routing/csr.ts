/**
 * Counting sort of edges by a node key: returns CSR offsets and, for each slot,
 * the original edge index. Stable, O(nodes + edges).
 */
export function groupEdgesByNode(keys: ArrayLike<number>, edgeCount: number, nodeCount: number): { offsets: Uint32Array; order: Uint32Array } {
  const offsets = new Uint32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) offsets[keys[e]! + 1]!++;
  for (let v = 0; v < nodeCount; v++) offsets[v + 1]! += offsets[v]!;
  const cursor = offsets.slice(0, nodeCount);
  const order = new Uint32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) order[cursor[keys[e]!]!++] = e;
  return { offsets, order };
}
