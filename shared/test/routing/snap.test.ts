import { describe, expect, it } from 'vitest';
import { buildRoadGraph, haversineM, snapToRoad } from '../../src/routing/index.js';
import { at, node, road } from './networks.js';

/** A 1 km residential street east–west, and a footway 40 m north of it. */
const graph = buildRoadGraph({
  nodes: [node(1, 0, 0), node(2, 1000, 0), node(3, 0, 40), node(4, 1000, 40)],
  ways: [road([1, 2], 'residential'), road([3, 4], 'footway')],
});

describe('snapToRoad', () => {
  it('projects onto the middle of an edge, not onto the nearest node', () => {
    const p = at(430, -25);
    const snapped = snapToRoad(graph, p.lat, p.lon);
    expect(snapped).not.toBeNull();
    const s = snapped!;
    const a = graph.sources[s.edge]!;
    const b = graph.targets[s.edge]!;
    // Distance along the edge from its source to the snapped point matches the fraction.
    expect(haversineM(graph.lat[a]!, graph.lon[a]!, s.lat, s.lon)).toBeCloseTo(s.fraction * graph.lengthM[s.edge]!, -1);
    const west = graph.lon[a]! < graph.lon[b]! ? s.fraction : 1 - s.fraction;
    expect(west).toBeCloseTo(0.43, 2);
    expect(s.distanceM).toBeCloseTo(25, 0);
    expect(haversineM(s.lat, s.lon, at(430, 0).lat, at(430, 0).lon)).toBeLessThan(0.5);
  });

  it('clamps to the end node beyond the segment', () => {
    const p = at(1030, 0);
    const s = snapToRoad(graph, p.lat, p.lon)!;
    expect(s.fraction === 0 || s.fraction === 1).toBe(true);
    expect(s.distanceM).toBeCloseTo(30, 0);
  });

  it('returns null when nothing is within the radius', () => {
    const p = at(500, -400);
    expect(snapToRoad(graph, p.lat, p.lon, { radiusM: 200 })).toBeNull();
    expect(snapToRoad(graph, p.lat, p.lon, { radiusM: 500 })).not.toBeNull();
  });

  it('only uses roads the mode may use', () => {
    const p = at(500, 35);
    expect(snapToRoad(graph, p.lat, p.lon, { mode: 'foot' })!.distanceM).toBeCloseTo(5, 0);
    expect(snapToRoad(graph, p.lat, p.lon, { mode: 'car' })!.distanceM).toBeCloseTo(35, 0);
  });

  it('finds far points through many empty grid cells', () => {
    const p = at(-3000, 0);
    expect(snapToRoad(graph, p.lat, p.lon, { radiusM: 2000 })).toBeNull();
    expect(snapToRoad(graph, p.lat, p.lon, { radiusM: 3100 })!.distanceM).toBeCloseTo(3000, -1);
  });
});
