import type { RoadClass, RoadNetworkInput, RoadWayInput } from '../../src/routing/index.js';

/** Test origin: Place du Casino, Monaco (any city-scale latitude works). */
export const ORIGIN = { lat: 43.7396, lon: 7.4276 };

const M_PER_DEG_LAT = 111_195;

/** A point `east`/`north` metres from the origin. */
export function at(east: number, north: number): { lat: number; lon: number } {
  return {
    lat: ORIGIN.lat + north / M_PER_DEG_LAT,
    lon: ORIGIN.lon + east / (M_PER_DEG_LAT * Math.cos((ORIGIN.lat * Math.PI) / 180)),
  };
}

export function node(id: number, east: number, north: number): { id: number; lat: number; lon: number } {
  return { id, ...at(east, north) };
}

export function road(nodeIds: number[], roadClass: RoadClass = 'residential', extra: Partial<RoadWayInput> = {}): RoadWayInput {
  return { nodeIds, roadClass, oneway: 'no', ...extra };
}

/** Three nodes 0, 500, 1000 m east of the origin on one way. */
export function straightStreet(extra: Partial<RoadWayInput> = {}, roadClass: RoadClass = 'residential'): RoadNetworkInput {
  return { nodes: [node(1, 0, 0), node(2, 500, 0), node(3, 1000, 0)], ways: [road([1, 2, 3], roadClass, extra)] };
}
