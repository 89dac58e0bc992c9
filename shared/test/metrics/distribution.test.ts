import { describe, expect, it } from 'vitest';
import { distributionOf, distributionPercentile, distributionSize, mergeDistributions, percentile, percentilesOfParts } from '../../src/index.js';

/** A seeded generator, so a failure names a sample that can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const PS = [0, 1, 10, 25, 50, 75, 90, 99, 100];

describe('distribution', () => {
  it('counts each distinct value once, ascending; -0 is 0', () => {
    expect(distributionOf([300, 240, 300, -0, 0, 960])).toEqual({ values: [0, 240, 300, 960], counts: [2, 1, 2, 1] });
    expect(distributionSize(distributionOf([5, 5, 5]))).toBe(3);
    expect(() => distributionOf([1, Number.NaN])).toThrow(RangeError);
  });

  it('percentiles of hand-computed samples: ties, one value, two values, none', () => {
    const d = distributionOf([240, 240, 300, 300, 330, 400, 600, 960]);
    expect(distributionPercentile(d, 50)).toBe(315);
    // rank 0.9 × 7 = 6.3: 600 + (960 − 600) × 0.3
    expect(distributionPercentile(d, 90)).toBeCloseTo(708, 9);
    expect(distributionPercentile(distributionOf([42]), 90)).toBe(42);
    expect(distributionPercentile(distributionOf([1, 2]), 90)).toBe(1.9);
    expect(distributionPercentile(distributionOf([]), 50)).toBeNull();
    expect(() => distributionPercentile(distributionOf([1]), 101)).toThrow(RangeError);
    expect(() => distributionPercentile(distributionOf([]), -1)).toThrow(RangeError);
  });

  it('equals percentile of the list, to the last bit, for random whole-second samples (fewer than 10 too)', () => {
    const random = lcg(20261130);
    for (let run = 0; run < 300; run++) {
      const n = 1 + Math.floor(random() * (run < 100 ? 9 : 400));
      const spread = 1 + Math.floor(random() * (run % 3 === 0 ? 5 : 3000)); // small spreads: many ties
      const list = Array.from({ length: n }, () => Math.floor(random() * spread) - (run % 7 === 0 ? 50 : 0));
      const d = distributionOf(list);
      for (const p of PS) expect(distributionPercentile(d, p), `run ${run}, p${p}`).toBe(percentile(list, p));
    }
  });

  it('merged parts give the percentiles of the whole list (a month and today make the year)', () => {
    const random = lcg(7);
    for (let run = 0; run < 100; run++) {
      const parts = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
        Array.from({ length: Math.floor(random() * 50) }, () => Math.floor(random() * 900)),
      );
      const merged = mergeDistributions(parts.map(distributionOf));
      const whole = parts.flat();
      expect(merged).toEqual(distributionOf(whole));
      for (const p of PS) expect(distributionPercentile(merged, p)).toBe(percentile(whole, p));
    }
    expect(mergeDistributions([])).toEqual({ values: [], counts: [] });
  });
});

describe('percentilesOfParts', () => {
  it('equals the percentiles of the merged parts, whole and fractional values, far-apart values', () => {
    const random = lcg(99);
    for (let run = 0; run < 150; run++) {
      const fractional = run % 5 === 0;
      const far = run % 11 === 0;
      const parts = Array.from({ length: Math.floor(random() * 5) }, () =>
        Array.from({ length: Math.floor(random() * 40) }, () => {
          const v = Math.floor(random() * 2000) - 100;
          return fractional ? v + 0.25 : far && random() < 0.1 ? v * 1e7 : v;
        }),
      );
      const whole = parts.flat();
      expect(percentilesOfParts(parts.map(distributionOf), [50, 90, 0, 100])).toEqual([50, 90, 0, 100].map((p) => percentile(whole, p)));
    }
  });

  it('nulls for no values, and the same argument check as percentile', () => {
    expect(percentilesOfParts([], [50, 90])).toEqual([null, null]);
    expect(percentilesOfParts([distributionOf([])], [50])).toEqual([null]);
    expect(() => percentilesOfParts([distributionOf([1])], [120])).toThrow(RangeError);
  });
});
