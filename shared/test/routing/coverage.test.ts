import fc from 'fast-check';
import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import {
  TRAVEL_MODES,
  buildRoadGraph,
  computeCoverage,
  coverageWith,
  generateCityNetwork,
  reachableCells,
  type CoverageSource,
} from '../../src/routing/index.js';
import { at, node, road } from './networks.js';

const CENTRE = { lat: 22.54, lon: 114.06 };
const city = buildRoadGraph(generateCityNetwork({ centerLat: CENTRE.lat, centerLon: CENTRE.lon, targetEdges: 5000, seed: 21 }));

const sourceArb: fc.Arbitrary<CoverageSource> = fc.record({
  id: fc.uuid(),
  lat: fc.double({ min: CENTRE.lat - 0.011, max: CENTRE.lat + 0.011, noNaN: true }),
  lon: fc.double({ min: CENTRE.lon - 0.012, max: CENTRE.lon + 0.012, noNaN: true }),
  mode: fc.constantFrom(...TRAVEL_MODES),
});
const sourcesArb = fc.array(sourceArb, { minLength: 1, maxLength: 4 });

/** Every cell of `wider` is at most as slow as in `narrower`, and equal where both are finite and the bound did not cut. */
function expectNoSlower(better: Float32Array, worse: Float32Array): void {
  let violations = 0;
  for (let c = 0; c < better.length; c++) if (better[c]! > worse[c]! + 1e-4) violations++;
  expect(violations).toBe(0);
}

describe('computeCoverage', () => {
  it('is monotonic in the time limit: a longer limit only adds cells, times unchanged', () => {
    fc.assert(
      fc.property(sourcesArb, (sources) => {
        const short = computeCoverage(city, sources, { limitMinutes: 4 });
        const long = computeCoverage(city, sources, { limitMinutes: 8 });
        expectNoSlower(long.minutes, short.minutes);
        for (let c = 0; c < short.minutes.length; c++) {
          if (short.minutes[c]! < Infinity) expect(long.minutes[c]).toBeCloseTo(short.minutes[c]!, 4);
          if (long.minutes[c]! <= 4) expect(short.minutes[c]).toBeCloseTo(long.minutes[c]!, 4);
        }
      }),
      { numRuns: 12 },
    );
  });

  it('is monotonic in sources: adding units never makes a cell slower', () => {
    fc.assert(
      fc.property(sourcesArb, sourcesArb, (a, b) => {
        const base = computeCoverage(city, a, { limitMinutes: 6 });
        const more = computeCoverage(city, [...a, ...b], { limitMinutes: 6 });
        expectNoSlower(more.minutes, base.minutes);
        expect(reachableCells(more).length).toBeGreaterThanOrEqual(reachableCells(base).length);
      }),
      { numRuns: 12 },
    );
  });

  it('coverageWith equals a full recompute and never mutates its inputs', () => {
    fc.assert(
      fc.property(sourcesArb, sourcesArb, (a, b) => {
        const base = computeCoverage(city, Object.freeze([...a]), { limitMinutes: 6 });
        const before = Float32Array.from(base.minutes);
        const extra = Object.freeze(b.map((s) => Object.freeze({ ...s })));
        const whatIf = coverageWith(base, extra);
        expect(Array.from(base.minutes)).toEqual(Array.from(before));
        expect(base.sources).toHaveLength(a.length);
        expect(whatIf.minutes).not.toBe(base.minutes);
        const full = computeCoverage(city, [...a, ...b], { limitMinutes: 6 });
        expect(Array.from(whatIf.minutes)).toEqual(Array.from(full.minutes));
        expect(whatIf.sources).toHaveLength(a.length + b.length);
      }),
      { numRuns: 12 },
    );
  });

  it('lists sources that cannot be placed on a road and lets them cover nothing', () => {
    const grid = computeCoverage(city, [{ id: 'at-sea', lat: CENTRE.lat - 0.2, lon: CENTRE.lon, mode: 'car' }]);
    expect(grid.unsnappedSourceIds).toEqual(['at-sea']);
    expect(reachableCells(grid)).toEqual([]);
  });
});

describe('coverage of cells off the network', () => {
  /** Street A (east–west, 2 km) with the unit; street B 700 m north, parallel, NOT connected to A. */
  const graph = buildRoadGraph({
    nodes: [node(1, 0, 0), node(2, 1000, 0), node(3, 2000, 0), node(4, 0, 700), node(5, 1000, 700), node(6, 2000, 700)],
    ways: [road([1, 2, 3]), road([4, 5, 6])],
  });
  const unit: CoverageSource = { id: 'car', ...at(1000, 0), mode: 'car' };
  const minutesAt = (east: number, north: number, limitMinutes: number): number => {
    const grid = computeCoverage(graph, [unit], { limitMinutes, h3Resolution: 10 });
    const p = at(east, north);
    const index = grid.cells.indexOf(latLngToCell(p.lat, p.lon, 10));
    return index < 0 ? NaN : grid.minutes[index]!;
  };

  it('adds the walk from the nearest reached road point to the cell centre', () => {
    // Cell centre ~300 m north of street A, 400 m east of the unit: ~1 min drive + ~3.6 min walk.
    const minutes = minutesAt(1400, 300, 15);
    expect(minutes).toBeGreaterThan(3.5);
    expect(minutes).toBeLessThan(6.5);
    expect(minutesAt(1400, 300, 3)).toBe(Infinity);
  });

  it('never marks a road the unit cannot reach, however close it is', () => {
    // Node 5 of street B sits 700 m from the unit as the crow flies, but no road joins A and B.
    expect(minutesAt(1000, 700, 15)).toBe(Infinity);
  });
});
