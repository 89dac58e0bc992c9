import { describe, expect, it } from 'vitest';
import { PerSecondLimit } from '../../../../src/transport/http/ingest/per-second-limit.js';

describe('PerSecondLimit', () => {
  it('lets `max` requests per key through in a window, then says how long to wait', () => {
    const limit = new PerSecondLimit(3);
    const t = 1_000_000;
    expect([0, 1, 2, 3, 4].map((i) => limit.take('a', t + i * 100))).toEqual([0, 0, 0, 700, 600]);
    // Another key has its own count in the same window.
    expect(limit.take('b', t + 450)).toBe(0);
  });

  it('starts every key afresh when the window ends', () => {
    const limit = new PerSecondLimit(1);
    expect(limit.take('a', 5000)).toBe(0);
    expect(limit.take('a', 5999)).toBe(1);
    expect(limit.take('a', 6000)).toBe(0);
    expect(limit.take('a', 6001)).toBe(999);
  });
});
