import { describe, expect, it } from 'vitest';
import { TRAVEL_MODES, buildRoadGraph, generateCityNetwork, haversineM, pointToPoint, routePath } from '../../src/routing/index.js';
import { seededRandom } from '../../src/routing/seeded-random.js';
import { at, node, road } from './networks.js';

const CENTRE = { lat: 31.23, lon: 121.47 };
const city = buildRoadGraph(generateCityNetwork({ centerLat: CENTRE.lat, centerLon: CENTRE.lon, targetEdges: 6000, seed: 11 }));

/** Length of the drawn line: the sum of its straight pieces. */
function lineMeters(points: { lat: number; lon: number }[]): number {
  let m = 0;
  for (let i = 1; i < points.length; i++) m += haversineM(points[i - 1]!.lat, points[i - 1]!.lon, points[i]!.lat, points[i]!.lon);
  return m;
}

describe('routePath', () => {
  it('draws the same route pointToPoint times: equal seconds, and a line as long as the route', () => {
    const random = seededRandom(5);
    let drawn = 0;
    for (let i = 0; i < 40; i++) {
      const from = { lat: CENTRE.lat + (random() - 0.5) * 0.03, lon: CENTRE.lon + (random() - 0.5) * 0.035 };
      const to = { lat: CENTRE.lat + (random() - 0.5) * 0.03, lon: CENTRE.lon + (random() - 0.5) * 0.035 };
      const mode = TRAVEL_MODES[i % TRAVEL_MODES.length]!;
      const estimate = pointToPoint(city, from, to, { mode, emergencyFactor: 1.3, maxSeconds: 1800 });
      const path = routePath(city, from, to, { mode, emergencyFactor: 1.3 });
      if (!estimate) {
        expect(path).toBeNull();
        continue;
      }
      drawn++;
      expect(path!.seconds).toBeCloseTo(estimate.seconds, 1);
      expect(path!.meters).toBeCloseTo(estimate.meters, 0);
      // Every piece of the line lies on the route: its length is the route's (edges are straight segments).
      expect(Math.abs(lineMeters(path!.points) - estimate.meters)).toBeLessThan(Math.max(2, estimate.meters * 0.01));
      expect(path!.points[0]).toMatchObject({ lat: estimate.from.lat, lon: estimate.from.lon });
      expect(path!.points.at(-1)).toMatchObject({ lat: estimate.to.lat, lon: estimate.to.lon });
    }
    expect(drawn).toBeGreaterThan(20);
  });

  it('goes round the block when the short way is one-way against the car', () => {
    // A square 0-1-2-3 with 0→1 one-way eastwards: a car from 1 to 0 drives 1→2→3→0.
    const graph = buildRoadGraph({
      nodes: [node(1, 0, 0), node(2, 300, 0), node(3, 300, 300), node(4, 0, 300)],
      ways: [road([1, 2], 'residential', { oneway: 'forward' }), road([2, 3]), road([3, 4]), road([4, 1])],
    });
    const path = routePath(graph, at(300, 0), at(0, 0), { mode: 'car' })!;
    expect(path.meters).toBeGreaterThan(850);
    expect(path.points.length).toBeGreaterThanOrEqual(4);
    expect(lineMeters(path.points)).toBeCloseTo(path.meters, -1);
  });

  it('is null off the road network', () => {
    expect(routePath(city, { lat: CENTRE.lat + 1, lon: CENTRE.lon }, CENTRE, { mode: 'car' })).toBeNull();
  });
});
