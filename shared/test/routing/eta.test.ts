import { describe, expect, it } from 'vitest';
import { TRAVEL_MODES, WALK_SPEED_KMH, buildRoadGraph, generateCityNetwork, pointToPoint, rankUnitsByEta, type EtaUnit } from '../../src/routing/index.js';
import { seededRandom } from '../../src/routing/seeded-random.js';
import { at, node, road } from './networks.js';

const CENTRE = { lat: 31.23, lon: 121.47 };
const city = buildRoadGraph(generateCityNetwork({ centerLat: CENTRE.lat, centerLon: CENTRE.lon, targetEdges: 6000, seed: 11 }));

function randomUnits(count: number, seed: number): EtaUnit[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `u${i}`,
    lat: CENTRE.lat + (random() - 0.5) * 0.03,
    lon: CENTRE.lon + (random() - 0.5) * 0.035,
    mode: TRAVEL_MODES[i % TRAVEL_MODES.length]!,
  }));
}

describe('rankUnitsByEta', () => {
  it('one reverse search per mode gives the same ETA as a separate search per unit', () => {
    const incident = { lat: CENTRE.lat + 0.003, lon: CENTRE.lon - 0.002 };
    const units = randomUnits(60, 5);
    const ranked = rankUnitsByEta(city, incident, units, { emergencyFactor: 1.3, maxSeconds: 3600 });
    expect(ranked).toHaveLength(units.length);
    expect(ranked.filter((e) => !e.fallback && e.etaSeconds !== null).length).toBeGreaterThan(50);
    for (const eta of ranked) {
      const unit = units.find((u) => u.id === eta.unitId)!;
      const route = pointToPoint(city, unit, incident, { mode: unit.mode, emergencyFactor: 1.3 });
      if (!route) {
        expect(eta.fallback || eta.etaSeconds === null).toBe(true);
        continue;
      }
      const access = (route.to.distanceM * 3.6) / WALK_SPEED_KMH;
      expect(eta.fallback).toBe(false);
      expect(eta.etaSeconds!).toBeCloseTo(route.seconds + access, 1);
      expect(eta.distanceM!).toBeCloseTo(route.meters + route.to.distanceM, 0);
    }
  });

  it('sorts fastest first and returns the top N', () => {
    const units = randomUnits(40, 9);
    const all = rankUnitsByEta(city, CENTRE, units);
    const etas = all.map((e) => e.etaSeconds ?? Infinity);
    expect(etas).toEqual([...etas].sort((a, b) => a - b));
    expect(rankUnitsByEta(city, CENTRE, units, { limit: 5 })).toEqual(all.slice(0, 5));
  });

  it('falls back to a flagged straight-line estimate only for a unit off the network', () => {
    const faraway = { id: 'lost', lat: CENTRE.lat + 0.2, lon: CENTRE.lon, mode: 'car' as const };
    const near = { id: 'near', lat: CENTRE.lat + 0.001, lon: CENTRE.lon, mode: 'car' as const };
    const [first, second] = rankUnitsByEta(city, CENTRE, [faraway, near]);
    expect(first).toMatchObject({ unitId: 'near', fallback: false });
    expect(second).toMatchObject({ unitId: 'lost', fallback: true });
    expect(second!.distanceM).toBeGreaterThan(20_000);
  });

  it('marks units beyond the search bound as unreachable, not as fallbacks', () => {
    const walker = { id: 'walker', lat: CENTRE.lat + 0.012, lon: CENTRE.lon + 0.012, mode: 'foot' as const };
    const [eta] = rankUnitsByEta(city, CENTRE, [walker], { maxSeconds: 120 });
    expect(eta).toMatchObject({ unitId: 'walker', etaSeconds: null, distanceM: null, fallback: false });
  });
});

describe('rankUnitsByEta on one street', () => {
  /** 1 km residential street; 25 km/h → 144 s per km. */
  const street = (oneway: 'no' | 'forward') =>
    buildRoadGraph({
      nodes: [node(1, 0, 0), node(2, 1000, 0), node(3, 1000, 300), node(4, 0, 300)],
      ways: [road([1, 2], 'residential', { oneway }), road([2, 3, 4, 1])],
    });

  it('drives straight along the shared segment without visiting a node', () => {
    const [eta] = rankUnitsByEta(street('no'), at(600, 0), [{ id: 'car', ...at(500, 0), mode: 'car' }]);
    expect(eta!.etaSeconds).toBeCloseTo(14.4, 1);
    expect(eta!.distanceM).toBeCloseTo(100, 0);
  });

  it('goes round the block when the street is oneway the other way', () => {
    const [eta] = rankUnitsByEta(street('forward'), at(500, 0), [{ id: 'car', ...at(600, 0), mode: 'car' }]);
    // 400 m east to node 2, round 300 + 1000 + 300 m, then 500 m back east: 2500 m at 25 km/h.
    expect(eta!.distanceM).toBeCloseTo(2500, -1);
    expect(eta!.etaSeconds).toBeCloseTo(360, 0);
  });

  it('adds the walk from the kerb to an incident off the road', () => {
    const [onRoad] = rankUnitsByEta(street('no'), at(600, 0), [{ id: 'car', ...at(500, 0), mode: 'car' }]);
    const [offRoad] = rankUnitsByEta(street('no'), at(600, -50), [{ id: 'car', ...at(500, 0), mode: 'car' }]);
    expect(offRoad!.etaSeconds! - onRoad!.etaSeconds!).toBeCloseTo(36, 0);
  });
});
