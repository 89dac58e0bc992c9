import { describe, expect, it } from 'vitest';
import { buildRoadGraph, generateCityNetwork, haversineM, roadGraphBounds, shortestSeconds, MODE_BIT } from '../../src/routing/index.js';

const options = { centerLat: 31.23, centerLon: 121.47, targetEdges: 20_000, seed: 42 };

describe('generateCityNetwork', () => {
  const input = generateCityNetwork(options);
  const graph = buildRoadGraph(input);

  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateCityNetwork(options)).toEqual(input);
    expect(generateCityNetwork({ ...options, seed: 43 }).nodes[0]).not.toEqual(input.nodes[0]);
  });

  it('hits the target edge count within 10 %', () => {
    expect(graph.edgeCount).toBeGreaterThan(18_000);
    expect(graph.edgeCount).toBeLessThan(22_000);
  });

  it('spans a demo-sized city, or the size asked for', () => {
    const b = roadGraphBounds(graph);
    const width = haversineM(b.minLat, b.minLon, b.minLat, b.maxLon);
    expect(width).toBeGreaterThan(3_000);
    expect(width).toBeLessThan(7_000);
    const small = buildRoadGraph(generateCityNetwork({ ...options, targetEdges: 4000, sizeKm: 3 }));
    const s = roadGraphBounds(small);
    expect(haversineM(s.minLat, s.minLon, s.minLat, s.maxLon)).toBeCloseTo(3_000, -3);
  });

  it('has the parts of a real city: arterials, oneways, a ring road, parks, service roads', () => {
    const classes = new Set(input.ways.map((w) => w.roadClass));
    for (const c of ['primary', 'secondary', 'tertiary', 'residential', 'trunk', 'footway', 'cycleway', 'service', 'pedestrian'] as const) {
      expect(classes.has(c), c).toBe(true);
    }
    const oneways = input.ways.filter((w) => w.oneway !== 'no').length;
    expect(oneways / input.ways.length).toBeGreaterThan(0.05);
    expect(oneways / input.ways.length).toBeLessThan(0.4);
  });

  it('lets a car reach almost every node it may use from the centre', () => {
    let carNodes = 0;
    const usable = new Uint8Array(graph.nodeCount);
    for (let e = 0; e < graph.edgeCount; e++) if (graph.access[e]! & MODE_BIT.car) usable[graph.targets[e]!] = 1;
    usable.forEach((u) => (carNodes += u));
    let start = 0;
    while (!usable[start]) start++;
    const times = shortestSeconds(graph, { mode: 'car' }, [{ node: start, seconds: 0 }]);
    let reached = 0;
    usable.forEach((u, n) => (reached += u && times[n]! < Infinity ? 1 : 0));
    expect(reached / carNodes).toBeGreaterThan(0.98);
  });
});
