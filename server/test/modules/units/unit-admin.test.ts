import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminTeam, AdminUnit, ApiError, CandidatesReply, EnrolledUnit, Unit } from '@lianfang/shared';
import { DEMO_CENTER } from '../../../src/modules/roads/road-network.js';
import { api, type TestApp } from '../../helpers/test-app.js';
import { startOn, type Driver } from '../analytics/analytics-client.js';
import { placeUnit } from '../dispatch/demo-network.js';

/**
 * The 力量 tab: a unit edited on the version the administrator saw (stale → 409 naming
 * `version`), audited and published; retired, it leaves the wall, the candidates and the
 * tracker map, but its history stays.
 */
describe.each(['pglite', 'postgres'] as const satisfies readonly Driver[])('unit administration on %s', (driver) => {
  let t: TestApp;
  let car: EnrolledUnit;
  let foot: EnrolledUnit;
  let team: AdminTeam;
  beforeAll(async () => {
    t = await startOn(driver);
    team = (await api<AdminTeam>(t.app, t.adminToken, 'POST', '/api/teams', { name: '一中队', force: 'police' })).body;
    car = await placeUnit(t.app, t.adminToken, 'X01', { lat: DEMO_CENTER.lat + 0.002, lon: DEMO_CENTER.lon });
    foot = await placeUnit(t.app, t.adminToken, 'X02', { lat: DEMO_CENTER.lat, lon: DEMO_CENTER.lon + 0.002 }, { mode: 'foot' });
    await t.app.core.db.query(`INSERT INTO stations (id, name, kind, lat, lon) VALUES ('st-1', '中心警务站', 'police_post', $1, $2)`, [
      DEMO_CENTER.lat,
      DEMO_CENTER.lon,
    ]);
    await t.app.core.settle();
  });
  afterAll(async () => t?.close());

  const call = <T>(method: 'GET' | 'POST' | 'PATCH', url: string, body?: object) => api<T>(t.app, t.adminToken, method, url, body);
  const audit = async (target: string) =>
    (await t.app.core.db.query<{ actor: string; action: string }>('SELECT actor, action FROM audit_log WHERE target = $1 ORDER BY id', [target])).map(
      (a) => `${a.actor} ${a.action}`,
    );
  const lastUnitEvent = async (unitId: string) => {
    const rows = await t.app.core.db.query<{ payload: { unit: Unit; retired?: boolean } }>(
      `SELECT payload FROM events WHERE type = 'unit.updated' ORDER BY seq DESC LIMIT 20`,
    );
    return rows.map((r) => r.payload).find((p) => p.unit.id === unitId);
  };
  const wall = async () => {
    await t.app.core.settle();
    return (await call<Unit[]>('GET', '/api/units')).body.map((u) => u.callsign).sort();
  };

  it('lists units with version and station, never tracker ids', async () => {
    const list = (await call<AdminUnit[]>('GET', '/api/admin/units')).body;
    expect(list.map((u) => [u.callsign, u.version, u.stationId])).toEqual([
      ['X01', 1, null],
      ['X02', 1, null],
    ]);
    expect(JSON.stringify(list)).not.toContain(car.trackerId!);
  });

  it('edits callsign, force, mode, team and station on the current version: audited, published, on the wall', async () => {
    const res = await call<AdminUnit>('PATCH', `/api/units/${car.id}`, {
      version: 1,
      callsign: '机动01',
      force: 'security',
      mode: 'moto',
      teamId: team.id,
      stationId: 'st-1',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ callsign: '机动01', force: 'security', mode: 'moto', teamId: team.id, stationId: 'st-1', version: 2 });
    expect(await audit(car.id)).toEqual(['user:admin unit.create', 'user:admin unit.update']);
    expect((await lastUnitEvent(car.id))?.unit).toMatchObject({ callsign: '机动01', force: 'security', mode: 'moto', teamId: team.id });
    expect(await wall()).toEqual(['X02', '机动01']);
    expect(t.app.core.picture.units.get(car.id)?.position?.lat).toBeCloseTo(DEMO_CENTER.lat + 0.002, 6);
  });

  it('refuses a stale version (409 version), a taken callsign (409 callsign), an unknown team or station (422)', async () => {
    const stale = await call<ApiError>('PATCH', `/api/units/${car.id}`, { version: 1, mode: 'car' });
    expect([stale.status, stale.body.field]).toEqual([409, 'version']);
    const taken = await call<ApiError>('PATCH', `/api/units/${car.id}`, { version: 2, callsign: 'X02' });
    expect([taken.status, taken.body.field]).toEqual([409, 'callsign']);
    const noTeam = await call<ApiError>('PATCH', `/api/units/${car.id}`, { version: 2, teamId: 'nope' });
    expect([noTeam.status, noTeam.body.field]).toEqual([422, 'teamId']);
    const noStation = await call<ApiError>('PATCH', `/api/units/${car.id}`, { version: 2, stationId: 'nope' });
    expect([noStation.status, noStation.body.field]).toEqual([422, 'stationId']);
    const badMode = await call<ApiError>('PATCH', `/api/units/${car.id}`, { version: 2, mode: 'boat' });
    expect([badMode.status, badMode.body.field]).toEqual([400, 'mode']);
    // nothing changed
    expect((await call<AdminUnit[]>('GET', '/api/admin/units')).body.find((u) => u.id === car.id)).toMatchObject({ mode: 'moto', version: 2 });
  });

  it('refuses to retire a unit working a case', async () => {
    await call('POST', `/api/units/${foot.id}/status`, { status: 'en_route' });
    const busy = await call<ApiError>('POST', `/api/units/${foot.id}/retire`, { version: 1 });
    expect([busy.status, busy.body.field]).toEqual([409, 'status']);
    await call('POST', `/api/units/${foot.id}/status`, { status: 'available' });
  });

  it('retires: off the wall, out of the candidates, its tracker refused; history and the row stay', async () => {
    const before = (await call<CandidatesReply>('POST', '/api/candidates', DEMO_CENTER)).body.candidates.map((c) => c.callsign).sort();
    expect(before).toEqual(['X02', '机动01']);
    const stale = await call<ApiError>('POST', `/api/units/${car.id}/retire`, { version: 1 });
    expect([stale.status, stale.body.field]).toEqual([409, 'version']);
    const res = await call<AdminUnit>('POST', `/api/units/${car.id}/retire`, { version: 2 });
    expect(res.status).toBe(200);
    expect(await wall()).toEqual(['X02']);
    expect((await lastUnitEvent(car.id))?.retired).toBe(true);
    const after = (await call<CandidatesReply>('POST', '/api/candidates', DEMO_CENTER)).body.candidates.map((c) => c.callsign);
    expect(after).toEqual(['X02']);
    const fix = await t.app.inject({ method: 'GET', url: `/ingest/osmand?id=${car.trackerId}&lat=32&lon=118&timestamp=${Math.floor(Date.now() / 1000)}` });
    expect(fix.statusCode).toBe(400);
    expect((await call<AdminUnit[]>('GET', '/api/admin/units')).body.map((u) => u.callsign)).toEqual(['X02']);
    const kept = await t.app.core.db.query<{ n: number }>('SELECT count(*)::int AS n FROM positions WHERE unit_id = $1', [car.id]);
    expect(kept[0]!.n).toBe(1);
    expect((await t.app.core.db.query<{ callsign: string }>('SELECT callsign FROM units WHERE id = $1', [car.id]))[0]?.callsign).toBe('机动01');
    expect(await audit(car.id)).toEqual(['user:admin unit.create', 'user:admin unit.update', 'user:admin unit.retire']);
    // a retired unit cannot be edited or retired again
    const again = await call<ApiError>('PATCH', `/api/units/${car.id}`, { version: 3, mode: 'car' });
    expect(again.status).toBe(404);
  });

  it('creates a unit based at a station (新建力量 in the console); an unknown or retired station is refused naming stationId', async () => {
    const res = await call<EnrolledUnit>('POST', '/api/units', {
      callsign: '驻站01',
      force: 'volunteer',
      mode: 'foot',
      stationId: 'st-1',
      trackerId: 'st-phone-01',
    });
    expect(res.status).toBe(201);
    expect(res.body.trackerId).toBe('st-phone-01');
    expect((await call<AdminUnit[]>('GET', '/api/admin/units')).body.find((u) => u.id === res.body.id)).toMatchObject({ stationId: 'st-1', version: 1 });
    expect(await audit(res.body.id)).toEqual(['user:admin unit.create']);
    const unknown = await call<ApiError>('POST', '/api/units', { callsign: '驻站02', force: 'volunteer', mode: 'foot', stationId: 'nope' });
    expect([unknown.status, unknown.body.field]).toEqual([422, 'stationId']);
    await t.app.core.db.query(`UPDATE stations SET retired_at = now() WHERE id = 'st-1'`);
    const retired = await call<ApiError>('POST', '/api/units', { callsign: '驻站03', force: 'volunteer', mode: 'foot', stationId: 'st-1' });
    expect([retired.status, retired.body.field]).toEqual([422, 'stationId']);
    expect((await call<AdminUnit[]>('GET', '/api/admin/units')).body.map((u) => u.callsign)).not.toContain('驻站02');
  });
});
