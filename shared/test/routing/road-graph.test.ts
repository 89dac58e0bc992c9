import { describe, expect, it } from 'vitest';
import {
  NO_EDGE,
  buildRoadGraph,
  buildRoadGraphWithStats,
  deserializeRoadGraph,
  generateCityNetwork,
  roadGraphByteLength,
  serializeRoadGraph,
  type RoadGraph,
} from '../../src/routing/index.js';
import { node, road, straightStreet } from './networks.js';

/** Every structural invariant, collected as messages so a big graph costs one assertion. */
function inconsistencies(graph: RoadGraph): string[] {
  const { nodeCount, edgeCount, offsets, targets, sources, twin, reverse } = graph;
  const problems: string[] = [];
  if (offsets.length !== nodeCount + 1 || offsets[nodeCount] !== edgeCount) problems.push('forward offsets');
  for (let u = 0; u < nodeCount; u++) {
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) if (sources[e] !== u) problems.push(`edge ${e} source`);
  }
  for (let e = 0; e < edgeCount; e++) {
    const t = twin[e]!;
    if (t !== NO_EDGE && (twin[t] !== e || sources[t] !== targets[e] || targets[t] !== sources[e])) problems.push(`edge ${e} twin`);
  }
  if (reverse.offsets[nodeCount] !== edgeCount) problems.push('reverse offsets');
  const seen = new Uint8Array(edgeCount);
  for (let v = 0; v < nodeCount; v++) {
    for (let slot = reverse.offsets[v]!; slot < reverse.offsets[v + 1]!; slot++) {
      const e = reverse.edges[slot]!;
      if (targets[e] !== v || reverse.sources[slot] !== sources[e]) problems.push(`reverse slot ${slot}`);
      seen[e]!++;
    }
  }
  if (!seen.every((count) => count === 1)) problems.push('reverse CSR does not list every edge once');
  return problems;
}

describe('buildRoadGraph', () => {
  it('turns each way segment into one edge per usable direction', () => {
    const graph = buildRoadGraph(straightStreet());
    expect(graph.nodeCount).toBe(3);
    expect(graph.edgeCount).toBe(4);
    expect(inconsistencies(graph)).toEqual([]);
    for (let e = 0; e < graph.edgeCount; e++) expect(graph.lengthM[e]).toBeCloseTo(500, 0);
  });

  it('drops nodes no way uses and segments whose node is missing', () => {
    const { graph, stats } = buildRoadGraphWithStats({
      nodes: [node(1, 0, 0), node(2, 100, 0), node(9, 50, 50), node(3, 200, 0)],
      ways: [road([1, 2, 404, 3])],
    });
    expect(graph.nodeCount).toBe(2);
    expect(graph.edgeCount).toBe(2);
    expect(stats.missingNodeRefs).toBe(1);
  });

  it('keeps CSR, twins and reverse CSR consistent on a generated city', () => {
    const graph = buildRoadGraph(generateCityNetwork({ centerLat: 31.23, centerLon: 121.47, targetEdges: 4000, seed: 3 }));
    expect(inconsistencies(graph)).toEqual([]);
  });
});

describe('serializeRoadGraph', () => {
  it('round-trips every array through one ArrayBuffer', () => {
    const graph = buildRoadGraph(generateCityNetwork({ centerLat: 39.9, centerLon: 116.4, targetEdges: 3000, seed: 5 }));
    const buffer = serializeRoadGraph(graph);
    expect(buffer.byteLength).toBeGreaterThanOrEqual(roadGraphByteLength(graph));
    const copy = deserializeRoadGraph(buffer);
    expect(copy.nodeCount).toBe(graph.nodeCount);
    expect(copy.edgeCount).toBe(graph.edgeCount);
    for (const key of ['lat', 'lon', 'offsets', 'targets', 'sources', 'twin', 'lengthM', 'roadClass', 'maxspeedKmh', 'access'] as const) {
      expect(Array.from(copy[key])).toEqual(Array.from(graph[key]));
    }
    expect(Array.from(copy.reverse.edges)).toEqual(Array.from(graph.reverse.edges));
    expect(Array.from(copy.reverse.sources)).toEqual(Array.from(graph.reverse.sources));
  });

  it('rejects a buffer that is not a graph or is truncated', () => {
    expect(() => deserializeRoadGraph(new ArrayBuffer(64))).toThrow(/not a serialized road graph/);
    const buffer = serializeRoadGraph(buildRoadGraph(straightStreet()));
    expect(() => deserializeRoadGraph(buffer.slice(0, buffer.byteLength - 8))).toThrow(/truncated/);
  });
});
