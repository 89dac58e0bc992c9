import { describe, expect, it } from 'vitest';
import {
  MAXSPEED_TRAVEL_RATIO,
  buildRoadGraph,
  defaultAccessMask,
  defaultSpeedKmh,
  edgeSeconds,
  groupModesByCost,
  MODE_BIT,
  type RoadClass,
  type TravelMode,
  type TravelProfile,
} from '../../src/routing/index.js';
import { straightStreet } from './networks.js';

/** Seconds over one 500 m segment of a street of this class. */
function secondsFor500m(roadClass: RoadClass, profile: TravelProfile, maxspeedKmh = 0): number {
  const graph = buildRoadGraph(straightStreet({ maxspeedKmh }, roadClass));
  return edgeSeconds(graph, profile)[0]!;
}

const hours = (km: number, kmh: number): number => (km / kmh) * 3600;

describe('mode speeds', () => {
  it.each<[RoadClass, TravelMode, number]>([
    ['residential', 'car', 25],
    ['primary', 'car', 50],
    ['motorway', 'moto', 100],
    ['residential', 'foot', 5],
    ['steps', 'foot', 2],
    ['cycleway', 'bike', 18],
    ['footway', 'bike', 6],
  ])('%s by %s at %d km/h', (roadClass, mode, kmh) => {
    expect(defaultSpeedKmh(mode, roadClass)).toBe(kmh);
    expect(secondsFor500m(roadClass, { mode })).toBeCloseTo(hours(0.5, kmh), 0);
  });

  it('closes classes to modes that may not use them', () => {
    expect(secondsFor500m('footway', { mode: 'car' })).toBe(Infinity);
    expect(secondsFor500m('pedestrian', { mode: 'moto' })).toBe(Infinity);
    expect(secondsFor500m('motorway', { mode: 'foot' })).toBe(Infinity);
    expect(secondsFor500m('motorway', { mode: 'bike' })).toBe(Infinity);
    expect(defaultAccessMask('footway')).toBe(MODE_BIT.foot | MODE_BIT.bike);
  });

  it('motor modes follow tagged maxspeed (at the travel ratio), foot and bike do not', () => {
    expect(secondsFor500m('residential', { mode: 'car' }, 50)).toBeCloseTo(hours(0.5, 50 * MAXSPEED_TRAVEL_RATIO), 0);
    expect(secondsFor500m('primary', { mode: 'moto' }, 30)).toBeCloseTo(hours(0.5, 30 * MAXSPEED_TRAVEL_RATIO), 0);
    expect(secondsFor500m('residential', { mode: 'foot' }, 50)).toBeCloseTo(hours(0.5, 5), 0);
    expect(secondsFor500m('residential', { mode: 'bike' }, 10)).toBeCloseTo(hours(0.5, 16), 0);
  });

  it('emergencyFactor speeds the profile up proportionally', () => {
    const normal = secondsFor500m('secondary', { mode: 'car' });
    expect(secondsFor500m('secondary', { mode: 'car', emergencyFactor: 1.3 })).toBeCloseTo(normal / 1.3, 3);
  });

  it('rejects a non-positive emergencyFactor', () => {
    expect(() => secondsFor500m('secondary', { mode: 'car', emergencyFactor: 0 })).toThrow(RangeError);
  });
});

describe('groupModesByCost', () => {
  it('lets car and moto share one search while their costs are identical', () => {
    const graph = buildRoadGraph(straightStreet());
    const groups = groupModesByCost(graph, ['car', 'foot', 'moto', 'car']);
    expect(groups.map((g) => g.modes)).toEqual([['car', 'moto'], ['foot']]);
  });

  it('separates them when a tag closes the road to one of them', () => {
    const graph = buildRoadGraph(straightStreet({ access: { moto: false } }));
    expect(groupModesByCost(graph, ['car', 'moto']).map((g) => g.modes)).toEqual([['car'], ['moto']]);
  });
});
