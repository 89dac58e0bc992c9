import { describe, expect, it } from 'vitest';
import { checkFix, distanceM, findContainingArea, judgeSeq, percentile, pointInRing } from '../src/index.js';

const T = Date.parse('2026-11-22T10:00:00Z');

describe('position hygiene', () => {
  const prev = { lat: 30, lon: 120, deviceTimeMs: T - 10_000 };
  it.each([
    ['accepts a plausible walk', { lat: 30.0001, lon: 120, deviceTimeMs: T, accuracyM: 5 }, 'foot', { verdict: 'accept', flags: [] }],
    ['rejects null island', { lat: 0, lon: 0, deviceTimeMs: T, accuracyM: null }, 'car', { verdict: 'reject', reason: 'invalid_coordinates' }],
    ['rejects NaN', { lat: Number.NaN, lon: 0, deviceTimeMs: T, accuracyM: null }, 'car', { verdict: 'reject', reason: 'invalid_coordinates' }],
    ['drops an exact duplicate', { lat: 30, lon: 120, deviceTimeMs: T - 10_000, accuracyM: null }, 'car', { verdict: 'reject', reason: 'duplicate' }],
    ['drops an out-of-order fix', { lat: 30.001, lon: 120, deviceTimeMs: T - 20_000, accuracyM: null }, 'car', { verdict: 'reject', reason: 'out_of_order' }],
    // 1.1 km in 10 s on foot = 400 km/h
    ['flags an impossible jump', { lat: 30.01, lon: 120, deviceTimeMs: T, accuracyM: null }, 'foot', { verdict: 'accept', flags: ['jump'] }],
    [
      'flags a clock in the future',
      { lat: 30.0001, lon: 120, deviceTimeMs: T + 3_600_000, accuracyM: null },
      'car',
      { verdict: 'accept', flags: ['clock_skew'] },
    ],
    ['flags poor accuracy', { lat: 30.0001, lon: 120, deviceTimeMs: T, accuracyM: 900 }, 'car', { verdict: 'accept', flags: ['low_accuracy'] }],
  ] as const)('%s', (_n, fix, mode, expected) => {
    expect(checkFix(fix, prev, mode, T)).toEqual(expected);
  });
});

describe('seq judging', () => {
  it.each([
    [5, { seq: 6 }, 'apply'],
    [5, { seq: 5 }, 'duplicate'],
    [5, { seq: 3 }, 'duplicate'],
    [5, { seq: 8 }, 'gap'],
    [5, { seq: 9, fromSeq: 6 }, 'apply'],
    [5, { seq: 9, fromSeq: 4 }, 'apply'],
    [5, { seq: 9, fromSeq: 7 }, 'gap'],
  ] as const)('last %i, message %j → %s', (last, msg, verdict) => {
    expect(judgeSeq(last, msg)).toBe(verdict);
  });
});

describe('percentile (linear interpolation, as percentile_cont)', () => {
  it.each([
    [[], 90, null],
    [[42], 90, 42],
    [[1, 2, 3, 4], 50, 2.5],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90, 91],
    [[5, 5, 5, 9], 50, 5],
    [[3, 1, 2], 0, 1],
    [[3, 1, 2], 100, 3],
  ] as const)('%j p%i = %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
  it('refuses p outside 0..100', () => expect(() => percentile([1], 101)).toThrow(RangeError));
});

describe('geography', () => {
  const square = [
    [120, 30],
    [120.01, 30],
    [120.01, 30.01],
    [120, 30.01],
  ] as [number, number][];
  it('point in ring', () => {
    expect(pointInRing(120.005, 30.005, square)).toBe(true);
    expect(pointInRing(120.02, 30.005, square)).toBe(false);
  });
  it('the most local level wins', () => {
    const areas = [
      {
        id: 'street',
        level: 'street' as const,
        ring: [
          [119, 29],
          [121, 29],
          [121, 31],
          [119, 31],
        ] as [number, number][],
      },
      { id: 'grid', level: 'grid' as const, ring: square },
      {
        id: 'community',
        level: 'community' as const,
        ring: [
          [119.9, 29.9],
          [120.1, 29.9],
          [120.1, 30.1],
          [119.9, 30.1],
        ] as [number, number][],
      },
    ];
    expect(findContainingArea(120.005, 30.005, areas)?.id).toBe('grid');
    expect(findContainingArea(120.05, 30.05, areas)?.id).toBe('community');
    expect(findContainingArea(122, 30, areas)).toBeNull();
  });
  it('distance: one degree of latitude is ~111.2 km', () => {
    expect(distanceM(30, 120, 31, 120)).toBeCloseTo(111195, -2);
  });
});
