import { describe, expect, it } from 'vitest';
import { buildRoadGraph, edgeAllows, isOnewayFor, nodeToNode, type RoadGraph, type TravelMode } from '../../src/routing/index.js';
import { straightStreet } from './networks.js';

/** Graph node index of the street's west and east ends (the builder renumbers nodes). */
function ends(graph: RoadGraph): { west: number; east: number } {
  let west = 0;
  let east = 0;
  for (let n = 0; n < graph.nodeCount; n++) {
    if (graph.lon[n]! < graph.lon[west]!) west = n;
    if (graph.lon[n]! > graph.lon[east]!) east = n;
  }
  return { west, east };
}

function canTravel(graph: RoadGraph, mode: TravelMode, from: 'west' | 'east'): boolean {
  const e = ends(graph);
  const [a, b] = from === 'west' ? [e.west, e.east] : [e.east, e.west];
  return nodeToNode(graph, { mode }, a, b).seconds < Infinity;
}

describe('oneway', () => {
  it('oneway=yes: motor modes and bikes only forward, pedestrians both ways', () => {
    const graph = buildRoadGraph(straightStreet({ oneway: 'forward' }));
    for (const mode of ['car', 'moto', 'bike'] as const) {
      expect(canTravel(graph, mode, 'west'), mode).toBe(true);
      expect(canTravel(graph, mode, 'east'), mode).toBe(false);
    }
    expect(canTravel(graph, 'foot', 'west')).toBe(true);
    expect(canTravel(graph, 'foot', 'east')).toBe(true);
  });

  it('oneway=-1 runs against the node order', () => {
    const graph = buildRoadGraph(straightStreet({ oneway: 'backward' }));
    expect(canTravel(graph, 'car', 'west')).toBe(false);
    expect(canTravel(graph, 'car', 'east')).toBe(true);
    expect(canTravel(graph, 'foot', 'west')).toBe(true);
  });

  it('oneway:bicycle=no lets bikes ride against the flow, cars still not', () => {
    const graph = buildRoadGraph(straightStreet({ oneway: 'forward', bikeContraflow: true }));
    expect(canTravel(graph, 'bike', 'east')).toBe(true);
    expect(canTravel(graph, 'car', 'east')).toBe(false);
  });

  it('a two-way street is open both ways to every mode that may use it', () => {
    const graph = buildRoadGraph(straightStreet());
    for (const mode of ['car', 'moto', 'bike', 'foot'] as const) {
      expect(canTravel(graph, mode, 'west')).toBe(true);
      expect(canTravel(graph, mode, 'east')).toBe(true);
    }
  });

  it('access tags override the class default per mode', () => {
    const graph = buildRoadGraph(straightStreet({ access: { car: false, foot: false } }));
    expect(canTravel(graph, 'car', 'west')).toBe(false);
    expect(canTravel(graph, 'foot', 'west')).toBe(false);
    expect(canTravel(graph, 'moto', 'west')).toBe(true);
    const opened = buildRoadGraph(straightStreet({ access: { car: true } }, 'footway'));
    expect(canTravel(opened, 'car', 'west')).toBe(true);
  });
});

describe('isOnewayFor', () => {
  it('is true for vehicles on a oneway street even though pedestrians keep the reverse edge', () => {
    const graph = buildRoadGraph(straightStreet({ oneway: 'forward' }));
    const e = Array.from({ length: graph.edgeCount }, (_, i) => i).find((i) => edgeAllows(graph, i, 'car'))!;
    expect(isOnewayFor(graph, e, 'car')).toBe(true);
    expect(isOnewayFor(graph, e, 'foot')).toBe(false);
    const twoWay = buildRoadGraph(straightStreet());
    expect(isOnewayFor(twoWay, 0, 'car')).toBe(false);
  });
});
