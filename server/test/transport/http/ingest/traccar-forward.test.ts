import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolledUnit, Unit } from '@lianfang/shared';
import { DEMO_CENTER } from '../../../../src/modules/roads/road-network.js';
import { api, type TestApp } from '../../../helpers/test-app.js';
import { startOn, type Driver } from '../../../modules/analytics/analytics-client.js';

/** What a Traccar server (forward.type=json) posts for one position of a GT06 terminal, as its models serialise. */
function forwarded(uniqueId: string, at: Date, lat: number, lon: number, attributes: Record<string, unknown> = {}) {
  return {
    position: {
      id: 12345,
      attributes: { batteryLevel: 85, distance: 15.4, totalDistance: 12500.5, motion: true, ...attributes },
      deviceId: 10,
      protocol: 'gt06',
      serverTime: at.toISOString().replace('Z', '+00:00'),
      deviceTime: at.toISOString().replace('Z', '+00:00'),
      fixTime: at.toISOString().replace('Z', '+00:00'),
      outdated: false,
      valid: true,
      latitude: lat,
      longitude: lon,
      altitude: 12.0,
      speed: 10.0,
      course: 90.0,
      address: null,
      accuracy: 0.0,
      network: null,
      geofenceIds: null,
    },
    device: {
      id: 10,
      attributes: {},
      groupId: 0,
      calendarId: 0,
      name: '巡逻车 苏A-12345',
      uniqueId,
      status: 'online',
      lastUpdate: at.toISOString().replace('Z', '+00:00'),
      positionId: 12345,
      phone: null,
      model: 'GT06',
      contact: null,
      category: 'car',
      disabled: false,
      expirationTime: null,
    },
  };
}

describe.each(['pglite', 'postgres'] as const satisfies readonly Driver[])('Traccar position forwarding on %s', (driver) => {
  let t: TestApp;
  let car: EnrolledUnit;
  beforeAll(async () => {
    t = await startOn(driver);
    car = (
      await api<EnrolledUnit>(t.app, t.adminToken, 'POST', '/api/units', { callsign: 'CAR-7', force: 'police', mode: 'car', trackerId: '868618052108909' })
    ).body;
  });
  afterAll(async () => t?.close());

  const post = (payload: object) => t.app.inject({ method: 'POST', url: '/ingest/traccar', payload });

  it('places the unit whose tracker id is the terminal uniqueId, through the same hygiene as a phone fix', async () => {
    const at = new Date(Date.now() - 2000);
    const res = await post(forwarded('868618052108909', at, DEMO_CENTER.lat, DEMO_CENTER.lon));
    expect([res.statusCode, res.body]).toEqual([200, 'OK']);
    await t.app.core.settle();
    const unit = (await api<Unit[]>(t.app, t.adminToken, 'GET', '/api/units')).body.find((u) => u.id === car.id)!;
    expect(unit.position).toMatchObject({
      lat: DEMO_CENTER.lat,
      lon: DEMO_CENTER.lon,
      deviceTime: at.toISOString(),
      heading: 90,
      altitudeM: 12,
      accuracyM: null,
      battery: 85,
    });
    expect(unit.position!.speedKmh).toBeCloseTo(18.52, 2);
    // the same position again is a duplicate, still a 200 (Traccar retries anything else)
    const again = await post(forwarded('868618052108909', at, DEMO_CENTER.lat, DEMO_CENTER.lon));
    expect(again.statusCode).toBe(200);
    expect(again.body).toMatch(/^OK \(/);
  });

  it('refuses an unknown terminal (400 naming device.uniqueId) and a broken body (400 naming the field)', async () => {
    const unknown = await post(forwarded('000000000000000', new Date(), DEMO_CENTER.lat, DEMO_CENTER.lon));
    expect([unknown.statusCode, unknown.json().field]).toEqual([400, 'device.uniqueId']);
    const noLat = forwarded('868618052108909', new Date(), DEMO_CENTER.lat, DEMO_CENTER.lon) as { position: Record<string, unknown> };
    noLat.position.latitude = 'north';
    const bad = await post(noLat);
    expect([bad.statusCode, bad.json().field]).toEqual([400, 'position.latitude']);
    const noDevice = await post({ position: {} });
    expect([noDevice.statusCode, noDevice.json().field]).toEqual([400, 'device']);
    // a terminal without a GPS fix: nothing placed, and a 200 so Traccar does not queue it for retry
    const invalid = forwarded('868618052108909', new Date(), 0, 0) as { position: Record<string, unknown> };
    invalid.position.valid = false;
    const res = await post(invalid);
    expect([res.statusCode, res.body]).toEqual([200, 'OK (no valid fix)']);
    expect(t.app.core.picture.units.get(car.id)?.position?.lat).toBe(DEMO_CENTER.lat);
  });

  it('an sos alarm raises an alert and opens an incident for the unit, once per position', async () => {
    const at = new Date(Date.now() - 1000);
    const body = forwarded('868618052108909', at, DEMO_CENTER.lat + 0.001, DEMO_CENTER.lon, { alarm: 'sos' });
    expect((await post(body)).statusCode).toBe(200);
    expect((await post(body)).statusCode).toBe(200);
    await t.app.core.settle();
    const alerts = await t.app.core.db.query<{ kind: string; source: string; unit_id: string; incident_id: string }>(
      'SELECT kind, source, unit_id, incident_id FROM alerts',
    );
    expect(alerts.map((a) => [a.kind, a.source, a.unit_id])).toEqual([['sos', 'tracker', car.id]]);
    const incidents = await t.app.core.db.query<{ unit_id: string; alert_count: number }>('SELECT unit_id, alert_count FROM incidents WHERE id = $1', [
      alerts[0]!.incident_id,
    ]);
    expect(incidents).toEqual([{ unit_id: car.id, alert_count: 1 }]);
  });
});
