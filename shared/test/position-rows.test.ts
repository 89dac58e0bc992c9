import { describe, expect, it } from 'vitest';
import type { Position } from '../src/index.js';
import { decodePositionRows, encodePositionRows } from '../src/index.js';

const fix = (over: Partial<Position> = {}): Position => ({
  unitId: 'u-1',
  lat: 30.2741234567,
  lon: 120.1551234567,
  speedKmh: 36.04,
  heading: 271.26,
  accuracyM: 4.44,
  altitudeM: 12,
  battery: 87,
  deviceTime: '2026-11-30T10:00:00.000Z',
  serverTime: '2026-11-30T10:00:00.350Z',
  flags: [],
  ...over,
});

describe('compact position rows on the wire', () => {
  it('round-trips what screens draw, to 0.11 m and 0.1 km/h, with both times to the millisecond', () => {
    const input = [
      fix(),
      fix({
        unitId: 'u-2',
        speedKmh: null,
        heading: null,
        accuracyM: null,
        battery: null,
        deviceTime: '2026-11-30T09:59:58.120Z',
        flags: ['jump', 'clock_skew'],
      }),
    ];
    const batch = encodePositionRows(input);
    expect(batch.t0).toBe(Date.parse('2026-11-30T09:59:58.120Z'));
    expect(decodePositionRows(batch)).toEqual([
      { ...fix(), lat: 30.274123, lon: 120.155123, speedKmh: 36, heading: 271.3, accuracyM: 4.4, altitudeM: null },
      { ...input[1], lat: 30.274123, lon: 120.155123, altitudeM: null },
    ]);
  });

  it('is at most a third of the JSON size of the objects', () => {
    const many = Array.from({ length: 500 }, (_, i) => fix({ unitId: `unit-${i}`, lat: 30 + i * 1e-4 }));
    expect(JSON.stringify(encodePositionRows(many)).length * 3).toBeLessThan(JSON.stringify(many).length);
  });

  it('encodes an empty batch', () => {
    expect(decodePositionRows(encodePositionRows([]))).toEqual([]);
  });
});
