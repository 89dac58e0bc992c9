import { localProjection, unprojectLat, unprojectLon } from './geo-distance.js';
import type { RoadClass } from './road-classes.js';
import type { OnewayDirection, RoadNetworkInput, RoadNodeInput, RoadWayInput } from './road-network-input.js';
import { seededRandom } from './seeded-random.js';
import { cityStreetPlan, type StreetPlan } from './city-street-plan.js';

export interface CityNetworkOptions {
  readonly centerLat: number;
  readonly centerLon: number;
  /** Directed edges the built graph should have (±10 %). Default 20,000. */
  readonly targetEdges?: number;
  /** Side of the square city. Default: whatever ~110 m blocks give for targetEdges. */
  readonly sizeKm?: number;
  readonly seed?: number;
}

/** Directed edges per grid intersection: 2 block sides × 2 segments × 2 directions, plus spurs and the ring (measured: 9.75–9.9). */
const EDGES_PER_INTERSECTION = 9.85;
const DEFAULT_BLOCK_M = 110;

/**
 * A deterministic synthetic city for the demo and the benchmarks, in the importer's output
 * format: an arterial grid with tertiary and residential streets between (some oneway pairs),
 * parks crossed by footways, a cycleway and steps, a pedestrian centre, service spurs into
 * blocks, and a grade-separated ring road joined to the grid by links at interchanges.
 */
export function generateCityNetwork(options: CityNetworkOptions): RoadNetworkInput {
  const random = seededRandom(options.seed ?? 1);
  const side = Math.max(4, Math.round(Math.sqrt((options.targetEdges ?? 20_000) / EDGES_PER_INTERSECTION)));
  const spacing = options.sizeKm ? (options.sizeKm * 1000) / (side - 1) : DEFAULT_BLOCK_M;
  const plan = cityStreetPlan(side, random);
  const projection = localProjection(options.centerLat, options.centerLon);
  const nodes: RoadNodeInput[] = [];
  const ways: RoadWayInput[] = [];
  const addNode = (x: number, y: number): number => {
    const id = nodes.length + 1;
    nodes.push({ id, lat: unprojectLat(projection, y), lon: unprojectLon(projection, x) });
    return id;
  };
  const half = ((side - 1) * spacing) / 2;
  const gx: number[] = [];
  const gy: number[] = [];
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      gx.push(i * spacing - half + (random() - 0.5) * 0.2 * spacing);
      gy.push(j * spacing - half + (random() - 0.5) * 0.2 * spacing);
      addNode(gx[gx.length - 1]!, gy[gy.length - 1]!);
    }
  }
  const at = (i: number, j: number): number => j * side + i;

  // Block sides: one way of two segments each, its middle node bent off the straight line.
  const addBlockSide = (a: number, b: number, street: StreetPlan): void => {
    const bend = (random() - 0.5) * 0.12 * spacing;
    const [dx, dy] = [gx[b]! - gx[a]!, gy[b]! - gy[a]!];
    const length = Math.hypot(dx, dy) || 1;
    const mx = (gx[a]! + gx[b]!) / 2 - (dy / length) * bend;
    const my = (gy[a]! + gy[b]!) / 2 + (dx / length) * bend;
    const middle = addNode(mx, my);
    ways.push(way([a + 1, middle, b + 1], street.roadClass, street.oneway, street.maxspeedKmh));
    if (street.serviceSpur && random() < 0.3) {
      const depth = 0.35 * spacing;
      const inward = random() < 0.5 ? 1 : -1;
      const p1 = addNode(mx - (dy / length) * depth * 0.5 * inward, my + (dx / length) * depth * 0.5 * inward);
      const p2 = addNode(mx - (dy / length) * depth * inward + (dx / length) * 10, my + (dx / length) * depth * inward + (dy / length) * 10);
      ways.push(way([middle, p1, p2], 'service', 'no', 0));
    }
  };
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      const east = i + 1 < side ? plan.street('row', j, i) : null;
      if (east) addBlockSide(at(i, j), at(i + 1, j), east);
      const north = j + 1 < side ? plan.street('column', i, j) : null;
      if (north) addBlockSide(at(i, j), at(i, j + 1), north);
    }
  }
  addRingRoad(half * 0.8, addNode, ways, (x, y) => nearestIntersection(x, y, gx, gy));
  return { nodes, ways };
}

function way(nodeIds: number[], roadClass: RoadClass, oneway: OnewayDirection, maxspeedKmh: number): RoadWayInput {
  return { nodeIds, roadClass, oneway, maxspeedKmh, bikeContraflow: oneway !== 'no' && roadClass === 'residential' };
}

/** Ring expressway: crosses the grid on bridges, meets it only at interchanges every ~1.5 km. */
function addRingRoad(radius: number, addNode: (x: number, y: number) => number, ways: RoadWayInput[], nearest: (x: number, y: number) => number): void {
  const count = Math.max(12, Math.round((2 * Math.PI * radius) / 200));
  const ids: number[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 0; k < count; k++) {
    const angle = (2 * Math.PI * k) / count;
    xs.push(radius * Math.cos(angle));
    ys.push(radius * Math.sin(angle));
    ids.push(addNode(xs[k]!, ys[k]!));
  }
  ways.push(way([...ids, ids[0]!], 'trunk', 'no', 80));
  const every = Math.max(2, Math.round(1500 / 200));
  for (let k = 0; k < count; k += every) {
    const target = nearest(xs[k]!, ys[k]!);
    ways.push(way([ids[k]!, target + 1], 'trunk', 'no', 40));
  }
}

function nearestIntersection(x: number, y: number, gx: readonly number[], gy: readonly number[]): number {
  let best = 0;
  let bestDistance = Infinity;
  for (let n = 0; n < gx.length; n++) {
    const d = (gx[n]! - x) ** 2 + (gy[n]! - y) ** 2;
    if (d < bestDistance) {
      bestDistance = d;
      best = n;
    }
  }
  return best;
}
