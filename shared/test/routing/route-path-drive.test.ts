import { describe, expect, it } from 'vitest';
import { MODE_BIT, buildRoadGraph, generateCityNetwork, haversineM, pointToPoint, positionAlong, roadGraphBounds, routePath } from '../../src/routing/index.js';

const graph = buildRoadGraph(generateCityNetwork({ centerLat: 30.26, centerLon: 120.17, targetEdges: 6000, sizeKm: 3, seed: 7 }));
const b = roadGraphBounds(graph);
const at = (fx: number, fy: number) => ({ lat: b.minLat + (b.maxLat - b.minLat) * fy, lon: b.minLon + (b.maxLon - b.minLon) * fx });

describe('routePath', () => {
  const pairs = [
    [at(0.2, 0.2), at(0.8, 0.7)],
    [at(0.5, 0.9), at(0.4, 0.1)],
    [at(0.1, 0.6), at(0.9, 0.4)],
  ] as const;

  it.each(['car', 'foot', 'bike'] as const)('takes as long as pointToPoint says, for %s', (mode) => {
    for (const [from, to] of pairs) {
      const estimate = pointToPoint(graph, from, to, { mode, emergencyFactor: 1.3 })!;
      const path = routePath(graph, from, to, { mode, emergencyFactor: 1.3, maxSeconds: Infinity })!;
      expect(path.seconds).toBeCloseTo(estimate.seconds, 0);
      expect(path.points.length).toBeGreaterThan(3);
      // times grow along the route, and it starts and ends at the snapped points
      for (let i = 1; i < path.points.length; i++) expect(path.points[i]!.seconds).toBeGreaterThanOrEqual(path.points[i - 1]!.seconds);
      expect(haversineM(path.points[0]!.lat, path.points[0]!.lon, estimate.from.lat, estimate.from.lon)).toBeLessThan(1);
      expect(haversineM(path.points.at(-1)!.lat, path.points.at(-1)!.lon, estimate.to.lat, estimate.to.lon)).toBeLessThan(1);
    }
  });

  it('passes only along roads the mode may use: consecutive corners are joined by a usable edge', () => {
    const path = routePath(graph, pairs[0][0], pairs[0][1], { mode: 'car' })!;
    const key = (lat: number, lon: number) => `${lat},${lon}`;
    const nodeOf = new Map<string, number>();
    for (let n = 0; n < graph.nodeCount; n++) nodeOf.set(key(graph.lat[n]!, graph.lon[n]!), n);
    const nodes = path.points.slice(1, -1).map((p) => nodeOf.get(key(p.lat, p.lon))!);
    for (let i = 1; i < nodes.length; i++) {
      let joined = false;
      for (let e = graph.offsets[nodes[i - 1]!]!; e < graph.offsets[nodes[i - 1]! + 1]!; e++)
        if (graph.targets[e] === nodes[i] && (graph.access[e]! & MODE_BIT.car) !== 0) joined = true;
      expect(joined).toBe(true);
    }
  });

  it('positionAlong walks the route in time and says when it is over', () => {
    const path = routePath(graph, pairs[1][0], pairs[1][1], { mode: 'car' })!;
    const start = positionAlong(path, 0);
    expect(start).toMatchObject({ lat: path.points[0]!.lat, lon: path.points[0]!.lon, arrived: false });
    const middle = positionAlong(path, path.seconds / 2);
    expect(middle.arrived).toBe(false);
    const end = positionAlong(path, path.seconds + 10);
    expect(end).toMatchObject({ lat: path.points.at(-1)!.lat, lon: path.points.at(-1)!.lon, arrived: true });
  });
});
