import type { Position2 } from './geojson-types';

const EARTH_M_PER_DEG_LAT = 111_320;

/** A closed ring approximating a circle of `radiusM` around a point (good to < 1 % at city scale). */
export function circleRing(lon: number, lat: number, radiusM: number, steps = 48): Position2[] {
  const dLat = radiusM / EARTH_M_PER_DEG_LAT;
  const dLon = radiusM / (EARTH_M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180));
  const ring: Position2[] = [];
  for (let i = 0; i <= steps; i += 1) {
    const a = (2 * Math.PI * (i % steps)) / steps;
    ring.push([lon + dLon * Math.cos(a), lat + dLat * Math.sin(a)]);
  }
  return ring;
}
