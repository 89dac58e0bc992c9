import { describe, expect, it } from 'vitest';
import type { DomainEvent, LogEntry } from '@lianfang/shared';
import { decodeEntry, encodeEntry, encodeEvent, fromStored } from '../../src/pipeline/event-codec.js';

const at = '2026-11-30T10:00:00.000Z';
const positions: DomainEvent = {
  type: 'unit.positions',
  positions: [
    {
      unitId: 'u1',
      lat: 30.123456,
      lon: 120.654321,
      speedKmh: 12.5,
      heading: 90,
      accuracyM: 4,
      altitudeM: 15.5,
      battery: 70,
      deviceTime: at,
      serverTime: '2026-11-30T10:00:00.250Z',
      flags: ['jump'],
    },
    {
      unitId: 'u2',
      lat: 31,
      lon: 121,
      speedKmh: null,
      heading: null,
      accuracyM: null,
      altitudeM: null,
      battery: null,
      deviceTime: at,
      serverTime: at,
      flags: [],
    },
  ],
};

describe('event codec (outbox and Redis Stream)', () => {
  it('stores a position batch compactly and gets every field back, altitude included', () => {
    const entry: LogEntry = { ...positions, seq: 42, at };
    const text = encodeEntry(entry);
    expect(text.length * 2).toBeLessThan(JSON.stringify(entry).length);
    expect(decodeEntry(text)).toEqual(entry);
  });

  it('leaves other events as they are', () => {
    const event: DomainEvent = {
      type: 'unit.updated',
      unit: { id: 'u1', callsign: 'A', force: 'fire', mode: 'car', teamId: null, status: 'available', position: null },
    };
    expect(JSON.parse(encodeEvent(event))).toEqual(event);
    expect(fromStored(JSON.parse(encodeEvent(event)))).toEqual(event);
  });

  it('reads position batches stored before the compact form', () => {
    expect(fromStored(JSON.parse(JSON.stringify(positions)))).toEqual(positions);
  });
});
