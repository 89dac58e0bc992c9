import { describe, expect, it } from 'vitest';
import {
  buildRoadGraph,
  computeCoverage,
  coverageGaps,
  coverageShare,
  generateCityNetwork,
  reachableCells,
  type CoveragePolygon,
} from '../../src/routing/index.js';

const CENTRE = { lat: 30.66, lon: 104.07 };
const city = buildRoadGraph(generateCityNetwork({ centerLat: CENTRE.lat, centerLon: CENTRE.lon, targetEdges: 5000, seed: 8 }));

/** A GeoJSON square of `halfKm` around a point. */
function square(id: string, lat: number, lon: number, halfKm: number): CoveragePolygon {
  const dLat = halfKm / 111.2;
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  return {
    id,
    coordinates: [
      [
        [lon - dLon, lat - dLat],
        [lon + dLon, lat - dLat],
        [lon + dLon, lat + dLat],
        [lon - dLon, lat + dLat],
        [lon - dLon, lat - dLat],
      ],
    ],
  };
}

const station = { id: 'station', lat: CENTRE.lat, lon: CENTRE.lon, mode: 'foot' as const };

describe('coverageShare', () => {
  it('reports the share within 5 and 15 minutes per polygon and overall', () => {
    const grid = computeCoverage(city, [station]);
    const inner = square('inner', CENTRE.lat, CENTRE.lon, 0.3);
    const whole = square('whole', CENTRE.lat, CENTRE.lon, 1.3);
    const far = square('far', CENTRE.lat + 0.5, CENTRE.lon, 0.3);
    const report = coverageShare(grid, [inner, whole, far]);
    const [innerShare, wholeShare, farShare] = report.polygons;
    expect(innerShare!.within.map((w) => w.minutes)).toEqual([5, 15]);
    expect(innerShare!.within[1]!.share).toBeGreaterThan(0.9);
    expect(wholeShare!.within[0]!.share).toBeLessThanOrEqual(wholeShare!.within[1]!.share);
    expect(wholeShare!.within[1]!.share).toBeLessThan(innerShare!.within[1]!.share);
    expect(farShare!.cellCount).toBeGreaterThan(0);
    expect(farShare!.within[1]!.share).toBe(0);
    // Overall counts each cell once: inner lies inside whole.
    expect(report.overall.cellCount).toBe(wholeShare!.cellCount + farShare!.cellCount);
  });
});

describe('coverageGaps', () => {
  it('returns uncovered clusters, largest first, that together hold every uncovered cell', () => {
    const grid = computeCoverage(city, [station], { limitMinutes: 8 });
    const gaps = coverageGaps(grid);
    expect(gaps.length).toBeGreaterThan(0);
    const sizes = gaps.map((g) => g.cellCount);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const uncovered = grid.cells.length - reachableCells(grid).length;
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(uncovered);
  });

  it('a unit posted in the largest gap shrinks it', () => {
    const grid = computeCoverage(city, [station], { limitMinutes: 8 });
    const [largest] = coverageGaps(grid, { polygons: [square('city', CENTRE.lat, CENTRE.lon, 1.3)] });
    const helped = computeCoverage(city, [station, { id: 'post', ...largest!.centre, mode: 'car' }], { limitMinutes: 8 });
    const [after] = coverageGaps(helped, { polygons: [square('city', CENTRE.lat, CENTRE.lon, 1.3)] });
    expect(after?.cellCount ?? 0).toBeLessThan(largest!.cellCount);
  });
});
