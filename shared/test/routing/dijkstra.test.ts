import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DijkstraSearch,
  ROAD_CLASSES,
  TRAVEL_MODES,
  buildRoadGraph,
  edgeSeconds,
  nodeToNode,
  shortestSeconds,
  weightedAdjacency,
  type RoadGraph,
  type RoadNetworkInput,
  type TravelProfile,
} from '../../src/routing/index.js';
import { node } from './networks.js';

/** Random small networks: 2–12 nodes scattered over 1 km², random ways of 2–6 nodes with random class and oneway. */
const smallNetwork: fc.Arbitrary<RoadNetworkInput> = fc
  .record({
    points: fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })), { minLength: 2, maxLength: 12 }),
    ways: fc.array(
      fc.record({
        a: fc.nat(),
        b: fc.nat(),
        // Longer ways make chains of shape nodes, which the search walks through without queueing.
        via: fc.array(fc.nat(), { maxLength: 4 }),
        roadClass: fc.constantFrom(...ROAD_CLASSES),
        oneway: fc.constantFrom('no' as const, 'forward' as const, 'backward' as const),
        maxspeedKmh: fc.constantFrom(0, 20, 50, 90),
      }),
      { minLength: 1, maxLength: 20 },
    ),
  })
  .map(({ points, ways }) => ({
    nodes: points.map(([east, north], i) => node(i + 1, east, north)),
    ways: ways.map((w) => ({
      nodeIds: [w.a, ...w.via, w.b].map((n) => (n % points.length) + 1),
      roadClass: w.roadClass,
      oneway: w.oneway,
      maxspeedKmh: w.maxspeedKmh,
    })),
  }));

const profile = fc.record({ mode: fc.constantFrom(...TRAVEL_MODES), emergencyFactor: fc.constantFrom(1, 1.3) });

/** Floyd–Warshall on the same edge costs: the brute-force reference. */
function allPairs(graph: RoadGraph, p: TravelProfile): number[][] {
  const n = graph.nodeCount;
  const d = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)));
  const seconds = edgeSeconds(graph, p);
  for (let e = 0; e < graph.edgeCount; e++) {
    const row = d[graph.sources[e]!]!;
    row[graph.targets[e]!] = Math.min(row[graph.targets[e]!]!, seconds[e]!);
  }
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i]![j] = Math.min(d[i]![j]!, d[i]![k]! + d[k]![j]!);
  return d;
}

function close(actual: number, expected: number): boolean {
  if (expected === Infinity) return actual === Infinity;
  return Math.abs(actual - expected) <= 1e-3 + 1e-5 * expected;
}

describe('Dijkstra against Floyd–Warshall', () => {
  it('single source, forward and reverse, equals brute force', () => {
    fc.assert(
      fc.property(smallNetwork, profile, fc.nat(), (input, p, pick) => {
        const graph = buildRoadGraph(input);
        if (graph.nodeCount === 0) return;
        const d = allPairs(graph, p);
        const s = pick % graph.nodeCount;
        const forward = shortestSeconds(graph, p, [{ node: s, seconds: 0 }]);
        const reverse = shortestSeconds(graph, p, [{ node: s, seconds: 0 }], { direction: 'reverse' });
        for (let v = 0; v < graph.nodeCount; v++) {
          expect(close(forward[v]!, d[s]![v]!), `forward ${s}->${v}`).toBe(true);
          expect(close(reverse[v]!, d[v]![s]!), `reverse ${v}->${s}`).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('multi-source with start offsets equals the minimum over sources', () => {
    fc.assert(
      fc.property(smallNetwork, profile, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 600 })), { minLength: 1, maxLength: 4 }), (input, p, picks) => {
        const graph = buildRoadGraph(input);
        if (graph.nodeCount === 0) return;
        const d = allPairs(graph, p);
        const sources = picks.map(([n, seconds]) => ({ node: n % graph.nodeCount, seconds }));
        const times = shortestSeconds(graph, p, sources);
        for (let v = 0; v < graph.nodeCount; v++) {
          const expected = Math.min(...sources.map((src) => src.seconds + d[src.node]![v]!));
          expect(close(times[v]!, expected), `node ${v}`).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a bounded search keeps exact times inside the bound and nothing beyond it', () => {
    fc.assert(
      fc.property(smallNetwork, profile, fc.nat(), fc.integer({ min: 1, max: 900 }), (input, p, pick, bound) => {
        const graph = buildRoadGraph(input);
        if (graph.nodeCount === 0) return;
        const d = allPairs(graph, p);
        const s = pick % graph.nodeCount;
        const times = shortestSeconds(graph, p, [{ node: s, seconds: 0 }], { maxSeconds: bound });
        for (let v = 0; v < graph.nodeCount; v++) {
          const exact = d[s]![v]!;
          if (exact < bound - 1e-3) expect(close(times[v]!, exact)).toBe(true);
          if (exact > bound + 1e-3) expect(times[v]).toBe(Infinity);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('point-to-point with early exit equals brute force', () => {
    fc.assert(
      fc.property(smallNetwork, profile, fc.nat(), fc.nat(), (input, p, a, b) => {
        const graph = buildRoadGraph(input);
        if (graph.nodeCount === 0) return;
        const d = allPairs(graph, p);
        const [s, t] = [a % graph.nodeCount, b % graph.nodeCount];
        expect(close(nodeToNode(graph, p, s, t).seconds, d[s]![t]!)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('DijkstraSearch scratch reuse', () => {
  it('gives the same answer for repeated searches without leaking state between them', () => {
    const input: RoadNetworkInput = {
      nodes: [node(1, 0, 0), node(2, 100, 0), node(3, 200, 0), node(4, 300, 0)],
      ways: [{ nodeIds: [1, 2, 3, 4], roadClass: 'residential', oneway: 'no' }],
    };
    const graph = buildRoadGraph(input);
    const search = new DijkstraSearch(graph.nodeCount);
    const adjacency = weightedAdjacency(graph, { mode: 'car' }, 'forward');
    search.run(adjacency, [{ node: 0, seconds: 0 }], { maxSeconds: 20 });
    const bounded = search.copySeconds();
    search.run(adjacency, [{ node: 0, seconds: 0 }]);
    const full = search.copySeconds();
    search.run(adjacency, [{ node: 0, seconds: 0 }], { maxSeconds: 20 });
    expect(Array.from(search.copySeconds())).toEqual(Array.from(bounded));
    expect(full.filter((t) => t < Infinity).length).toBe(4);
    expect(bounded.filter((t) => t < Infinity).length).toBeLessThan(4);
  });
});

describe('walking through chains of shape nodes', () => {
  /** 11 nodes 100 m apart on one residential street: 9 shape nodes between two dead ends. */
  const line: RoadNetworkInput = {
    nodes: Array.from({ length: 11 }, (_, i) => node(i + 1, i * 100, 0)),
    ways: [{ nodeIds: Array.from({ length: 11 }, (_, i) => i + 1), roadClass: 'residential', oneway: 'no' }],
  };
  const graph = buildRoadGraph(line);
  const byEast = Array.from({ length: graph.nodeCount }, (_, i) => i).sort((a, b) => graph.lon[a]! - graph.lon[b]!);
  const perSegment = edgeSeconds(graph, { mode: 'car' })[0]!;

  it('stops a bounded walk in the middle of a chain', () => {
    const times = shortestSeconds(graph, { mode: 'car' }, [{ node: byEast[0]!, seconds: 0 }], { maxSeconds: 3.5 * perSegment });
    expect(byEast.map((n) => times[n]! < Infinity)).toEqual([true, true, true, true, false, false, false, false, false, false, false]);
    expect(times[byEast[3]!]).toBeCloseTo(3 * perSegment, 3);
  });

  it('takes the better of two walks meeting inside a chain', () => {
    const sources = [
      { node: byEast[0]!, seconds: 0 },
      { node: byEast[10]!, seconds: 2 * perSegment },
    ];
    const times = shortestSeconds(graph, { mode: 'car' }, sources);
    byEast.forEach((n, i) => expect(times[n]).toBeCloseTo(Math.min(i, 12 - i) * perSegment, 3));
  });

  it('picks the faster of two parallel roads instead of walking the first one found (regression)', () => {
    // Found by fast-check: a living street and a motorway link the same two nodes.
    const input: RoadNetworkInput = {
      nodes: [node(1, 0, 0), node(2, 0, 0), node(4, 0, 1)],
      ways: [
        { nodeIds: [1, 4, 1], roadClass: 'living_street', oneway: 'forward' },
        { nodeIds: [1, 4, 2], roadClass: 'motorway', oneway: 'backward' },
      ],
    };
    const g = buildRoadGraph(input);
    const p = { mode: 'moto' as const };
    const d = allPairs(g, p);
    for (let s = 0; s < g.nodeCount; s++) {
      const times = shortestSeconds(g, p, [{ node: s, seconds: 0 }]);
      for (let v = 0; v < g.nodeCount; v++) expect(close(times[v]!, d[s]![v]!)).toBe(true);
    }
  });
});
