import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '@lianfang/shared';
import { responsePhases } from '@lianfang/shared';
import { createGateway, createUnit, postAlert, postFix } from '../../helpers/fixtures.js';
import { api, login, startTestApp, type TestApp } from '../../helpers/test-app.js';

const SITE = { lat: 30.2605, lon: 120.1705 };

/** The whole loop on a running server, with every phase time checked against the timeline. */
describe('the closed loop', () => {
  let t: TestApp;
  let captain: string;
  let unitId: string;
  let otherUnitId: string;
  let gatewayKey: string;

  beforeAll(async () => {
    t = await startTestApp();
    unitId = (await createUnit(t.app, t.adminToken, 'L-1', 'loop-1', { force: 'police', mode: 'car' })).id;
    otherUnitId = (await createUnit(t.app, t.adminToken, 'L-2', 'loop-2', { force: 'medical', mode: 'car' })).id;
    await api(t.app, t.adminToken, 'POST', '/api/users', { username: 'loopcap', password: 'loop-captain', role: 'captain', unitId });
    captain = await login(t.app, 'loopcap', 'loop-captain');
    gatewayKey = (await createGateway(t.app, t.adminToken, 'loop gw', SITE)).key;
  });
  afterAll(async () => t?.close());

  it('alert → dispatch → ack → auto on scene → resolve → close, with phase times', async () => {
    const alert = await postAlert(t.app, gatewayKey, { kind: 'crime' });
    const id = alert.body.incidentId as string;
    const dispatched = await api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/dispatch`, { unitIds: [unitId, otherUnitId] });
    expect(dispatched.status).toBe(200);
    expect(dispatched.body).toMatchObject({ status: 'dispatched', assignments: [{ status: 'dispatched' }, { status: 'dispatched' }] });
    expect(t.app.core.picture.units.get(unitId)?.status).toBe('dispatched');

    // The captain acknowledges from the tablet; another unit's button is not theirs.
    expect((await api(t.app, captain, 'POST', `/api/incidents/${id}/units/${otherUnitId}/status`, { status: 'acknowledged' })).status).toBe(403);
    const acked = await api<Incident>(t.app, captain, 'POST', `/api/incidents/${id}/units/${unitId}/status`, { status: 'acknowledged' });
    expect(acked.body.status).toBe('acknowledged');
    await api(t.app, captain, 'POST', `/api/incidents/${id}/units/${unitId}/status`, { status: 'en_route' });

    // Drive in: three fixes inside 75 m of the site mark the unit on scene with no button pressed.
    const t0 = Math.floor(Date.now() / 1000) - 10;
    await postFix(t.app, 'loop-1', 30.27, 120.17, t0);
    for (let i = 1; i <= 3; i++) await postFix(t.app, 'loop-1', SITE.lat + 0.0001 * i, SITE.lon, t0 + i);
    await waitFor(() => t.app.core.picture.incidents.get(id)?.status === 'on_scene');
    const onScene = t.app.core.picture.incidents.get(id)!;
    expect(onScene.assignments.find((a) => a.unitId === unitId)).toMatchObject({ status: 'on_scene' });
    expect(t.app.core.picture.units.get(unitId)?.status).toBe('on_scene');

    // The medical unit never acknowledged: "on scene" straight from "dispatched" is refused.
    expect((await api(t.app, t.adminToken, 'POST', `/api/incidents/${id}/units/${otherUnitId}/status`, { status: 'on_scene' })).status).toBe(409);

    const resolved = await api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/resolve`, {
      outcome: 'mediated',
      note: 'settled between neighbours',
    });
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: { outcome: 'mediated', settledLevel: 'community' } });
    // Everyone stands down.
    expect(resolved.body.assignments.every((a) => a.status === 'cleared')).toBe(true);
    expect(t.app.core.picture.units.get(otherUnitId)?.status).toBe('available');
    // Closing needs the evaluation, and a closed case cannot be reopened.
    expect((await api(t.app, t.adminToken, 'POST', `/api/incidents/${id}/close`, {})).status).toBe(400);
    const closed = await api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/close`, { rating: 5, feedback: '满意' });
    expect(closed.body).toMatchObject({ status: 'closed', evaluation: { rating: 5, feedback: '满意' } });
    expect((await api(t.app, t.adminToken, 'POST', `/api/incidents/${id}/resolve`, { outcome: 'mediated' })).status).toBe(409);
    expect(t.app.core.picture.incidents.has(id)).toBe(false);

    // Phase times agree with the per-unit times and with the timeline.
    const m = closed.body.milestones;
    // both units were sent in one command, so processing + the first-arriving unit's turnout and travel make the response
    const phases = responsePhases(closed.body.callReceivedAt ?? closed.body.createdAt, closed.body.assignments);
    const a = closed.body.assignments.find((x) => x.unitId === unitId)!;
    expect(m.onSceneAt).toBe(a.onSceneAt);
    expect(phases.response).toBeCloseTo((Date.parse(a.onSceneAt!) - Date.parse(closed.body.createdAt)) / 1000, 3);
    expect(phases.processing! + phases.turnout! + phases.travel!).toBeCloseTo(phases.response!, 3);
    for (const p of Object.values(phases)) expect(p).toBeGreaterThanOrEqual(0);

    const detail = await api<{ timeline: { kind: string; actor: string }[] }>(t.app, t.adminToken, 'GET', `/api/incidents/${id}`);
    expect(detail.body.timeline.map((e) => e.kind)).toEqual([
      'alert_received',
      'unit_dispatched',
      'unit_dispatched',
      'unit_acknowledged',
      'unit_en_route',
      'unit_on_scene',
      'resolved',
      'closed',
    ]);
    expect(detail.body.timeline.find((e) => e.kind === 'unit_on_scene')?.actor).toBe('system:geofence');
    expect(detail.body.timeline.find((e) => e.kind === 'unit_acknowledged')?.actor).toBe('user:loopcap');
  });

  it('refuses what the state machine forbids, naming the field', async () => {
    const alert = await postAlert(t.app, gatewayKey, { kind: 'other', idempotencyKey: 'forbid-1' });
    const id = alert.body.incidentId as string;
    const never = await api<{ field: string }>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/units/${unitId}/status`, { status: 'on_scene' });
    expect(never).toMatchObject({ status: 409, body: { field: 'status' } });
    expect((await api(t.app, t.adminToken, 'POST', `/api/incidents/${id}/close`, { rating: 3 })).status).toBe(409);
    expect((await api<{ field: string }>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/dispatch`, { unitIds: [] })).body.field).toBe('unitIds');
    expect((await api<{ field: string }>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/dispatch`, { unitIds: ['nope'] })).body.field).toBe('unitIds');
    expect((await api(t.app, captain, 'POST', `/api/incidents/${id}/dispatch`, { unitIds: [unitId] })).status).toBe(403);
    const cancelled = await api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/cancel`, { as: 'false_alarm' });
    expect(cancelled.body).toMatchObject({ status: 'false_alarm', resolution: { outcome: 'false_alarm' } });
  });

  it('records breaches once and climbs the ladder on an arrival breach (fake clock)', async () => {
    const created = await api<Incident>(t.app, t.adminToken, 'POST', '/api/incidents', {
      category: 'dispute',
      priority: 'P2',
      title: 'noise',
      lat: SITE.lat,
      lon: SITE.lon,
    });
    expect(created.body).toMatchObject({ status: 'reported', level: 'grid', source: 'manual' });
    const id = created.body.id;
    const born = Date.parse(created.body.createdAt);
    await t.app.core.clocks.check(born + 30_000);
    expect(t.app.core.picture.incidents.get(id)?.milestones.ackBreachedAt).toBeNull();
    await t.app.core.clocks.check(born + 61_000);
    expect(t.app.core.picture.incidents.get(id)?.milestones.ackBreachedAt).not.toBeNull();
    await t.app.core.clocks.check(born + 301_000);
    await t.app.core.clocks.check(born + 400_000);
    const after = t.app.core.picture.incidents.get(id)!;
    expect(after.milestones.arrivalBreachedAt).not.toBeNull();
    expect(after.level).toBe('community');
    const detail = await api<{ timeline: { kind: string }[] }>(t.app, t.adminToken, 'GET', `/api/incidents/${id}`);
    expect(detail.body.timeline.filter((e) => e.kind.endsWith('_target_breached')).map((e) => e.kind)).toEqual([
      'ack_target_breached',
      'arrival_target_breached',
    ]);
  });

  it('escalates by hand to the street office, which blows the whistle; departments report in', async () => {
    const created = await api<Incident>(t.app, t.adminToken, 'POST', '/api/incidents', {
      category: 'public_order',
      priority: 'P3',
      title: 'stall blocking exit',
      lat: SITE.lat,
      lon: SITE.lon,
    });
    const id = created.body.id;
    expect((await api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/escalate`, { reason: 'grid cannot settle' })).body.level).toBe('community');
    const whistled = await api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/whistle`, {
      departments: ['city_mgmt', 'market_supervision'],
      minutes: 10,
    });
    expect(whistled.body.level).toBe('street');
    expect(whistled.body.callIns.map((c) => c.department).sort()).toEqual(['city_mgmt', 'market_supervision']);
    const reported = await api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/report-in`, { department: 'city_mgmt' });
    expect(reported.body.callIns.find((c) => c.department === 'city_mgmt')?.reportedAt).not.toBeNull();
    expect((await api(t.app, t.adminToken, 'POST', `/api/incidents/${id}/report-in`, { department: 'city_mgmt' })).status).toBe(409);
    expect((await api<{ field: string }>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/whistle`, { departments: ['army'] })).body.field).toMatch(
      /departments/,
    );

    // Market supervision never reports in: once its deadline passes in the database, the case goes to the departments' level.
    await t.app.core.db.query(
      "UPDATE call_ins SET summoned_at = now() - interval '11 minutes', deadline = now() - interval '1 minute' WHERE incident_id = $1 AND department = 'market_supervision'",
      [id],
    );
    await t.app.core.db.query('UPDATE incidents SET updated_at = now() WHERE id = $1', [id]);
    // The picture learns of the moved deadline the way it learns everything: reload it here as a restart would.
    const fresh = await (await import('../../../src/modules/incidents/incident-repository.js')).getIncident(t.app.core.db, id);
    t.app.core.picture.incidents.set(id, fresh!);
    await t.app.core.clocks.check();
    const escalated = t.app.core.picture.incidents.get(id)!;
    expect(escalated.level).toBe('department');
    const late = escalated.callIns.find((c) => c.department === 'market_supervision')!;
    // It lifted the case once and says so; its deadline stays the one it missed (see call-in-overdue.test.ts).
    expect(late.escalatedAt).not.toBeNull();
    expect(Date.parse(late.deadline)).toBeLessThan(Date.now());
    const detail = await api<{ timeline: { kind: string }[] }>(t.app, t.adminToken, 'GET', `/api/incidents/${id}`);
    expect(detail.body.timeline.map((e) => e.kind)).toContain('call_in_overdue');
  });
});

async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}
