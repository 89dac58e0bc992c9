import { describe, expect, it } from 'vitest';
import { decodeOsmand, timestamp } from '../../../../src/transport/http/ingest/osmand-decoder.js';

const NOW = Date.parse('2026-11-22T10:00:00Z');

/** Requests shaped exactly as Traccar Client (Android/iOS) sends them. */
describe('OsmAnd decoder', () => {
  it('decodes the classic query string of Traccar Client', () => {
    // GET /?id=123456&timestamp=1795338000&lat=22.5431&lon=114.0579&speed=10.5&bearing=87.3&altitude=12.0&accuracy=8.0&batt=76.0
    const r = decodeOsmand(
      {
        id: '123456',
        timestamp: '1795338000',
        lat: '22.5431',
        lon: '114.0579',
        speed: '10.5',
        bearing: '87.3',
        altitude: '12.0',
        accuracy: '8.0',
        batt: '76.0',
      },
      undefined,
      NOW,
    );
    expect(r).toEqual({
      ok: true,
      fix: {
        trackerId: '123456',
        lat: 22.5431,
        lon: 114.0579,
        timeMs: 1795338000000,
        speedKmh: 10.5 * 1.852,
        heading: 87.3,
        accuracyM: 8,
        altitudeM: 12,
        battery: 76,
        charging: null,
        alarm: null,
      },
    });
  });

  it('decodes form posts, location=lat,lon, millisecond and ISO timestamps, charge and alarm', () => {
    const r = decodeOsmand({}, { deviceid: 'abc', location: '22.5,114.1', timestamp: '1795338000123', charge: 'true', alarm: 'SOS' }, NOW);
    expect(r.ok && r.fix).toMatchObject({ trackerId: 'abc', lat: 22.5, lon: 114.1, timeMs: 1795338000123, charging: true, alarm: 'sos' });
    expect(timestamp('2026-11-22T09:59:00Z', NOW)).toBe(Date.parse('2026-11-22T09:59:00Z'));
    expect(timestamp(undefined, NOW)).toBe(NOW);
  });

  it('decodes the JSON body of current Traccar Client versions', () => {
    const body = {
      device_id: '867530900000001',
      location: {
        timestamp: '2026-11-22T09:58:30.000Z',
        is_moving: true,
        odometer: 1200,
        event: 'motionchange',
        coords: { latitude: 22.54, longitude: 114.05, accuracy: 4.5, speed: 5, heading: 180, altitude: 30 },
        battery: { level: 0.57, is_charging: false },
        activity: { type: 'on_foot' },
      },
    };
    const r = decodeOsmand({}, body, NOW);
    expect(r).toEqual({
      ok: true,
      fix: {
        trackerId: '867530900000001',
        lat: 22.54,
        lon: 114.05,
        timeMs: Date.parse('2026-11-22T09:58:30Z'),
        speedKmh: 18,
        heading: 180,
        accuracyM: 4.5,
        altitudeM: 30,
        battery: 57,
        charging: false,
        alarm: null,
      },
    });
  });

  it('treats -1 speed/heading from the geolocation library as unknown', () => {
    const r = decodeOsmand({}, { device_id: 'x', location: { coords: { latitude: 1, longitude: 2, speed: -1, heading: -1 }, battery: { level: -1 } } }, NOW);
    expect(r.ok && r.fix).toMatchObject({ speedKmh: null, heading: null, battery: null });
  });

  it.each([
    [{ lat: '1', lon: '2' }, 'id'],
    [{ id: 'a', lon: '2' }, 'lat'],
    [{ id: 'a', lat: '91', lon: '2' }, 'lat'],
    [{ id: 'a', lat: '1', lon: '181' }, 'lon'],
    [{ id: 'a', lat: 'north', lon: '2' }, 'lat'],
    [{ id: 'a', location: '1;2' }, 'location'],
    [{ id: 'a', lat: '1', lon: '2', timestamp: 'yesterday' }, 'timestamp'],
    [{ id: 'a', lat: '1', lon: '2', timestamp: '99999999999999999' }, 'timestamp'],
    [{ id: 'a', lat: '1', lon: '2', speed: '-5' }, 'speed'],
    [{ id: 'a', lat: '1', lon: '2', batt: '140' }, 'batt'],
    [{ id: 'a', lat: '1', lon: '2', bearing: 'NaN' }, 'bearing'],
  ])('rejects %j naming field %s', (query, field) => {
    const r = decodeOsmand(query, undefined, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.field).toBe(field);
  });

  it('names nested JSON fields', () => {
    const r = decodeOsmand({}, { device_id: 'x', location: { coords: { latitude: 'a', longitude: 2 } } }, NOW);
    expect(r).toMatchObject({ ok: false, field: 'location.coords.latitude' });
  });
});
