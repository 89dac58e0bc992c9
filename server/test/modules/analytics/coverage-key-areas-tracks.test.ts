import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInRing, type CoverageReply, type KeyAreaComplianceReply, type TracksReply } from '@lianfang/shared';
import type { TestApp } from '../../helpers/test-app.js';
import { get, startOn } from './analytics-client.js';
import { localInstant, seedGeography } from './analytics-seed.js';

const q = (from: string, to: string) => `from=${encodeURIComponent(localInstant(from))}&to=${encodeURIComponent(localInstant(to))}`;
const MON = q('2024-03-04T00:00:00', '2024-03-05T00:00:00');

// A triangle: its bounding box has a corner that is not inside it (the prefilter must not count that corner).
const TRIANGLE: [number, number][] = [
  [120.169, 30.259],
  [120.171, 30.259],
  [120.169, 30.261],
];
const square = (lon: number, lat: number): [number, number][] => [
  [lon, lat],
  [lon + 0.002, lat],
  [lon + 0.002, lat + 0.002],
  [lon, lat + 0.002],
];
const IN_K1 = { lon: 120.1695, lat: 30.2595 };
const K1_BOX_CORNER = { lon: 120.1705, lat: 30.2605 };
const IN_K2 = { lon: 120.181, lat: 30.271 };
const IN_K3 = { lon: 120.191, lat: 30.281 };

describe('coverage history, key-area compliance and track replay (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startOn('postgres');
    const db = t.app.core.db;
    await seedGeography(db);
    const sample = (local: string, w5: number, w15: number, perGrid: object[]) =>
      db.query('INSERT INTO coverage_samples (at, within5, within15, per_grid) VALUES ($1, $2, $3, $4)', [
        localInstant(local),
        w5,
        w15,
        JSON.stringify(perGrid),
      ]);
    await sample('2024-03-04T09:00:00', 0.5, 0.25, [
      { gridId: 'g1', within5: 0.25, within15: 0.5 },
      { gridId: 'g2', within5: 1, within15: 1 },
    ]);
    await sample('2024-03-04T09:20:00', 0.75, 0.5, [{ gridId: 'g1', within5: 0.5, within15: 0.75 }]);
    await sample('2024-03-04T09:40:00', 1, 0.75, [{ gridId: 'g1', within5: 0.75, within15: 1 }]);
    await sample('2024-03-04T10:30:00', 0.25, 1, [{ gridId: 'g2', within5: 0.5, within15: 0.5 }]);
    await sample('2024-03-05T12:00:00', 0.5, 0.5, []);

    const area = (id: string, name: string, ring: [number, number][], every: number, from: string, to: string, created: string) =>
      db.query('INSERT INTO key_areas (id, name, ring, every_minutes, from_hhmm, to_hhmm, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        id,
        name,
        JSON.stringify(ring),
        every,
        from,
        to,
        localInstant(created),
      ]);
    // k1: 09:00–11:00 every 30 min → 4 slots a day
    await area('k1', '学校门口', TRIANGLE, 30, '09:00', '11:00', '2024-03-01T00:00:00');
    // k2: round the clock every 6 h, created Mon 05:00 → the 00:00–06:00 slot is not required that day
    await area('k2', 'Night market', square(120.18, 30.27), 360, '00:00', '00:00', '2024-03-04T05:00:00');
    // k3: 22:00–02:00 (wraps midnight) every 2 h → Mon 00:00–02:00 (Sunday's window) and Mon 22:00–24:00
    await area('k3', 'Bank street', square(120.19, 30.28), 120, '22:00', '02:00', '2024-03-01T00:00:00');

    const fix = (unit: string, local: string, p: { lon: number; lat: number }) =>
      db.query('INSERT INTO positions (unit_id, device_time, server_time, lat, lon, speed_kmh) VALUES ($1, $2, $2, $3, $4, 12.5)', [
        unit,
        localInstant(local),
        p.lat,
        p.lon,
      ]);
    await fix('u2', '2024-03-04T08:59:00', IN_K1); // before the watch: no slot
    await fix('u1', '2024-03-04T09:10:00', IN_K1); // slot 09:00
    await fix('u1', '2024-03-04T09:20:00', IN_K1); // slot 09:00 again
    await fix('u1', '2024-03-04T09:30:00', IN_K1); // exactly on the boundary: slot 09:30
    await fix('u3', '2024-03-04T09:40:00', K1_BOX_CORNER); // in the box, not in the triangle
    await fix('u2', '2024-03-04T10:05:00', IN_K1); // slot 10:00; 10:30 stays empty
    await fix('u2', '2024-03-04T11:00:00', IN_K1); // the watch ended at 11:00
    await fix('u1', '2024-03-04T05:30:00', IN_K2); // k2's first slot (before it existed): not required
    await fix('u1', '2024-03-04T13:00:00', IN_K2); // k2 slot 12:00
    await fix('u2', '2024-03-04T23:00:00', IN_K3); // k3 slot 22:00
    await fix('u2', '2024-03-05T00:30:00', IN_K3); // after the window
    // The fixes went straight into SQL, past the ingest that writes the visit history: fill it as migration 016 does.
    await db.query('SELECT lf_fill_key_area_visit_minutes()');
  });
  afterAll(async () => t?.close());

  it('coverage per local hour: mean and lowest, every hour listed, an hour without samples is null (not 0 %)', async () => {
    const body = (await get<CoverageReply>(t, `/api/analytics/coverage?${q('2024-03-04T09:00:00', '2024-03-04T12:00:00')}&interval=hour`)).body;
    expect(body.rows).toEqual([
      { bucket: '2024-03-04 09:00', samples: 3, within5Mean: 0.75, within15Mean: 0.5, within5Min: 0.5, within15Min: 0.25 },
      { bucket: '2024-03-04 10:00', samples: 1, within5Mean: 0.25, within15Mean: 1, within5Min: 0.25, within15Min: 1 },
      { bucket: '2024-03-04 11:00', samples: 0, within5Mean: null, within15Mean: null, within5Min: null, within15Min: null },
    ]);
    expect(body.interval).toBe('hour');
  });

  it('coverage of one grid from per_grid, and per day (default)', async () => {
    const grid = (await get<CoverageReply>(t, `/api/analytics/coverage?${q('2024-03-04T09:00:00', '2024-03-04T11:00:00')}&interval=hour&gridId=g1`)).body.rows;
    // g1 at 09:00 09:20 09:40: 0.25 0.5 0.75 → 0.5; 0.5 0.75 1 → 0.75
    expect(grid).toEqual([
      { bucket: '2024-03-04 09:00', samples: 3, within5Mean: 0.5, within15Mean: 0.75, within5Min: 0.25, within15Min: 0.5 },
      { bucket: '2024-03-04 10:00', samples: 0, within5Mean: null, within15Mean: null, within5Min: null, within15Min: null },
    ]);
    const days = (await get<CoverageReply>(t, `/api/analytics/coverage?${q('2024-03-04T00:00:00', '2024-03-07T00:00:00')}&category=fire`)).body;
    // Monday: 0.5 0.75 1 0.25 → 0.625; 0.25 0.5 0.75 1 → 0.625
    expect(days.rows.map((r) => [r.bucket, r.samples, r.within5Mean, r.within15Mean])).toEqual([
      ['2024-03-04', 4, 0.625, 0.625],
      ['2024-03-05', 1, 0.5, 0.5],
      ['2024-03-06', 0, null, null],
    ]);
    expect(days.notApplied).toEqual(['category']);
  });

  it('key-area compliance: visited slots ÷ required slots, by the definitions above', async () => {
    const body = (await get<KeyAreaComplianceReply>(t, `/api/analytics/key-areas?${MON}&gridId=g1`)).body;
    expect(body.rows).toEqual([
      { keyAreaId: 'k3', name: 'Bank street', everyMinutes: 120, from: '22:00', to: '02:00', slotsRequired: 2, slotsVisited: 1, compliance: 0.5 },
      { keyAreaId: 'k2', name: 'Night market', everyMinutes: 360, from: '00:00', to: '00:00', slotsRequired: 3, slotsVisited: 1, compliance: 1 / 3 },
      { keyAreaId: 'k1', name: '学校门口', everyMinutes: 30, from: '09:00', to: '11:00', slotsRequired: 4, slotsVisited: 3, compliance: 0.75 },
    ]);
    expect(body.notApplied).toEqual(['gridId']);
  });

  it('key-area compliance counts only the chosen force; the box corner was never inside (same answer as pointInRing)', async () => {
    expect(pointInRing(K1_BOX_CORNER.lon, K1_BOX_CORNER.lat, TRIANGLE)).toBe(false);
    expect(pointInRing(IN_K1.lon, IN_K1.lat, TRIANGLE)).toBe(true);
    const security = (await get<KeyAreaComplianceReply>(t, `/api/analytics/key-areas?${MON}&force=security`)).body.rows;
    expect(security.map((r) => [r.keyAreaId, r.slotsRequired, r.slotsVisited])).toEqual([
      ['k3', 2, 0],
      ['k2', 3, 0],
      ['k1', 4, 0],
    ]);
    const police = (await get<KeyAreaComplianceReply>(t, `/api/analytics/key-areas?${MON}&force=police`)).body.rows;
    expect(police.map((r) => [r.keyAreaId, r.slotsVisited])).toEqual([
      ['k3', 1],
      ['k2', 1],
      ['k1', 3],
    ]);
    // Before any area existed nothing is required, and compliance is null, not 0.
    const before = (await get<KeyAreaComplianceReply>(t, `/api/analytics/key-areas?${q('2024-02-01T00:00:00', '2024-02-02T00:00:00')}`)).body.rows;
    expect(before.map((r) => [r.keyAreaId, r.slotsRequired, r.compliance])).toEqual([
      ['k3', 0, null],
      ['k2', 0, null],
      ['k1', 0, null],
    ]);
  });

  it('tracks of units in a window, ordered per unit by device time', async () => {
    const body = (await get<TracksReply>(t, `/api/analytics/tracks?unitIds=u2,u1&${q('2024-03-04T09:00:00', '2024-03-04T10:30:00')}`)).body;
    expect(body.rows.map((r) => [r.unitId, r.at])).toEqual([
      ['u1', '2024-03-04T01:10:00.000Z'],
      ['u1', '2024-03-04T01:20:00.000Z'],
      ['u1', '2024-03-04T01:30:00.000Z'],
      ['u2', '2024-03-04T02:05:00.000Z'],
    ]);
    expect(body.rows[0]).toEqual({
      unitId: 'u1',
      at: '2024-03-04T01:10:00.000Z',
      lat: IN_K1.lat,
      lon: IN_K1.lon,
      speedKmh: 12.5,
      heading: null,
      accuracyM: null,
    });
    expect({ points: body.points, cap: body.cap }).toEqual({ points: 4, cap: 50_000 });
  });

  it('tracks: an unknown unit and a window over 50,000 points are 400s naming the field', async () => {
    const unknown = await get<{ field: string; message: string }>(t, `/api/analytics/tracks?unitIds=u1,nobody&${MON}`);
    expect(unknown).toMatchObject({ status: 400, body: { field: 'unitIds', message: 'unitIds: unknown unit nobody' } });
    // 50,001 fixes of u4 on Tuesday, one a second from midnight.
    await t.app.core.db.query(
      `INSERT INTO positions (unit_id, device_time, server_time, lat, lon)
       SELECT 'u4', $1::timestamptz + make_interval(secs => g), $1::timestamptz + make_interval(secs => g), 30.25, 120.15 FROM generate_series(0, 50000) g`,
      [localInstant('2024-03-05T00:00:00')],
    );
    const big = await get<{ field: string; message: string }>(t, `/api/analytics/tracks?unitIds=u4&${q('2024-03-05T00:00:00', '2024-03-06T00:00:00')}`);
    expect(big).toMatchObject({ status: 400, body: { statusCode: 400, error: 'Bad Request', field: 'to' } });
    expect(big.body.message).toContain('50000');
    // Exactly the cap is allowed: seconds 0 … 49,999.
    const atCap = await get<TracksReply>(t, `/api/analytics/tracks?unitIds=u4&${q('2024-03-05T00:00:00', '2024-03-05T13:53:20')}`);
    expect(atCap.status).toBe(200);
    expect(atCap.body.points).toBe(50_000);
  });
});
