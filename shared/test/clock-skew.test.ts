import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_FUTURE_MS, CLOCK_SKEW_PAST_MS, checkFix, clockSkewOf, isClockSkewed } from '../src/index.js';

const T = Date.parse('2026-11-30T10:00:00Z');

describe('device clock trouble', () => {
  it.each([
    ['on time', T, false],
    ['a minute ahead (within tolerance)', T + 60_000, false],
    ['just past the future bound', T + CLOCK_SKEW_FUTURE_MS + 1, true],
    ['a year ahead', T + 365 * 86_400_000, true],
    ['a day and a second behind', T - CLOCK_SKEW_PAST_MS - 1000, true],
    ['GPS week rollover (1024 weeks back)', T - 1024 * 7 * 86_400_000, true],
    ['Unix epoch', 0, true],
  ] as const)('%s', (_name, deviceTimeMs, skewed) => {
    expect(isClockSkewed(deviceTimeMs, T)).toBe(skewed);
    expect(clockSkewOf(new Date(deviceTimeMs).toISOString(), T)).toEqual(skewed ? { clockSkew: true } : {});
  });

  it('flags nothing for an alert without a device time', () => {
    expect(clockSkewOf(undefined, T)).toEqual({});
    expect(clockSkewOf(null, T)).toEqual({});
  });

  it('does not let a fix stamped in the future block the correctly-timed fixes after it', () => {
    const future = { lat: 30, lon: 120, deviceTimeMs: T + 365 * 86_400_000 };
    expect(checkFix({ lat: 30.0001, lon: 120, deviceTimeMs: T + 1000, accuracyM: 5 }, future, 'car', T + 1000)).toEqual({ verdict: 'accept', flags: [] });
    // A sane previous fix still orders: a late arrival is dropped as before.
    const sane = { lat: 30, lon: 120, deviceTimeMs: T };
    expect(checkFix({ lat: 30.0001, lon: 120, deviceTimeMs: T - 5000, accuracyM: 5 }, sane, 'car', T + 1000)).toEqual({
      verdict: 'reject',
      reason: 'out_of_order',
    });
  });
});
