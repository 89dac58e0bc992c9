import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidatesReply, Incident, Unit } from '@lianfang/shared';
import { createGateway, createUnit, postAlert, postFix } from '../../helpers/fixtures.js';
import { api, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createTestDatabase } from '../../helpers/test-services.js';
import { DEMO_CENTER } from '../../../src/modules/roads/road-network.js';

// About 111 m per 0.001° of latitude.
const north = (m: number) => ({ lat: DEMO_CENTER.lat + m / 111_195, lon: DEMO_CENTER.lon });
type Reply = { incidentId: string; joined: boolean; pressCount: number };

/**
 * The alert join rule (same device, window from that device's last press, compatible kind,
 * within ALERT_JOIN_DISTANCE_M) and the SOS status, end to end through /ingest/alerts, on
 * PGlite and on a real PostgreSQL (the join query and migration 019 are SQL).
 */
describe.each([
  ['PGlite', async () => ({ t: await startTestApp({ config: { ADVICE_INTERVAL_MS: 600_000 } }), drop: async () => {} })],
  [
    'PostgreSQL',
    async () => {
      const db = await createTestDatabase();
      return { t: await startTestApp({ databaseUrl: db.url, config: { ADVICE_INTERVAL_MS: 600_000 } }), drop: db.drop };
    },
  ],
] as const)('alert joining and SOS on %s', (_name, start) => {
  let t: TestApp;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ t, drop } = await start());
  });
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  const press = async (key: string, body: object): Promise<Reply> => {
    const res = await postAlert(t.app, key, body);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    return res.body as unknown as Reply;
  };
  const incident = async (id: string) => (await api<{ incident: Incident }>(t.app, t.adminToken, 'GET', `/api/incidents/${id}`)).body.incident;

  it('joins a repeated press of the same kind nearby; never a medical press into a panic, nor a press 3 km away', async () => {
    const gw = await createGateway(t.app, t.adminToken, `gw-${randomUUID()}`);
    const first = await press(gw.key, { kind: 'panic', ...north(0) });
    expect(first.joined).toBe(false);
    const again = await press(gw.key, { kind: 'panic', ...north(60) });
    expect(again).toMatchObject({ incidentId: first.incidentId, joined: true, pressCount: 2 });
    const sos = await press(gw.key, { kind: 'sos', ...north(20) });
    expect(sos).toMatchObject({ incidentId: first.incidentId, joined: true, pressCount: 3 });
    const medical = await press(gw.key, { kind: 'medical', ...north(10) });
    expect(medical.joined).toBe(false);
    expect((await incident(medical.incidentId)).category).toBe('medical');
    const far = await press(gw.key, { kind: 'panic', ...north(3000) });
    expect(far.joined).toBe(false);
    // Counted presses stay counted, and the joins never relabelled the first incident.
    expect(await incident(first.incidentId)).toMatchObject({ category: 'criminal', priority: 'P1', alertCount: 3 });
  });

  it('runs the window from the device’s last press, not from the incident’s last change', async () => {
    const gw = await createGateway(t.app, t.adminToken, `gw-${randomUUID()}`, north(500));
    const first = await press(gw.key, { kind: 'crime' });
    // The press was 200 s ago (window 180 s); the incident itself was touched just now.
    await t.app.core.db.query(`UPDATE alerts SET received_at = now() - interval '200 seconds' WHERE incident_id = $1`, [first.incidentId]);
    await api(t.app, t.adminToken, 'POST', `/api/incidents/${first.incidentId}/escalate`, { reason: 'touch' });
    const later = await press(gw.key, { kind: 'crime' });
    expect(later.joined).toBe(false);

    // An incident opened an hour ago whose device pressed 100 s ago: the next press joins it.
    await t.app.core.db.query(`UPDATE alerts SET received_at = now() - interval '100 seconds' WHERE incident_id = $1`, [later.incidentId]);
    await t.app.core.db.query(`UPDATE incidents SET created_at = now() - interval '1 hour' WHERE id = $1`, [later.incidentId]);
    const joined = await press(gw.key, { kind: 'crime' });
    expect(joined).toMatchObject({ incidentId: later.incidentId, joined: true, pressCount: 2 });
  });

  it('one gateway serving guards across the district: each guard’s presses join only their own incident', async () => {
    const gw = await createGateway(t.app, t.adminToken, `gw-${randomUUID()}`);
    const spots = [north(-1500), north(-600), north(300)];
    const opened: string[] = [];
    for (const at of spots) {
      const r = await press(gw.key, { kind: 'panic', ...at });
      expect(r.joined).toBe(false);
      opened.push(r.incidentId);
    }
    expect(new Set(opened).size).toBe(3);
    for (const [i, at] of spots.entries()) {
      const r = await press(gw.key, { kind: 'panic', lat: at.lat + 0.0002, lon: at.lon });
      expect(r).toMatchObject({ incidentId: opened[i], joined: true, pressCount: 2 });
    }
  });

  it('an SOS puts the unit in needs_help: never a candidate, its incident P1 with capable advice; resolving releases it', async () => {
    const tag = randomUUID().slice(0, 8);
    const now = Math.floor(Date.now() / 1000);
    const victim = await createUnit(t.app, t.adminToken, `SOS-${tag}`, `sos-${tag}`, { force: 'police' });
    const helper = await createUnit(t.app, t.adminToken, `HELP-${tag}`, `help-${tag}`, { force: 'police' });
    const engine = await createUnit(t.app, t.adminToken, `ENG-${tag}`, `eng-${tag}`, { force: 'fire' });
    const site = north(-2500);
    await postFix(t.app, `sos-${tag}`, site.lat, site.lon, now);
    await postFix(t.app, `eng-${tag}`, site.lat + 0.0005, site.lon, now);
    await postFix(t.app, `help-${tag}`, site.lat + 0.004, site.lon, now);
    const dev = await api<{ id: string; key: string }>(t.app, t.adminToken, 'POST', '/api/devices', {
      name: `radio-${tag}`,
      kind: 'alert_gateway',
      unitId: victim.id,
    });
    expect(dev.status).toBe(201);
    await t.app.core.settle();

    // Raised as a crime (P2) first, then the officer's SOS from the same radio: one incident, now P1, still criminal.
    const crime = await press(dev.body.key, { kind: 'crime', ...site });
    expect((await incident(crime.incidentId)).priority).toBe('P2');
    const sos = await press(dev.body.key, { kind: 'sos', ...site });
    expect(sos).toMatchObject({ incidentId: crime.incidentId, joined: true });
    await t.app.core.settle();
    expect(await incident(sos.incidentId)).toMatchObject({ priority: 'P1', category: 'criminal' });
    expect(t.app.core.picture.units.get(victim.id)!.status).toBe('needs_help');
    const [row] = await t.app.core.db.query<{ status: string; help_incident_id: string }>('SELECT status, help_incident_id FROM units WHERE id = $1', [
      victim.id,
    ]);
    expect(row).toEqual({ status: 'needs_help', help_incident_id: sos.incidentId });

    // Never a candidate: not for its own incident, not for another, not even when asked for by force.
    const own = await api<CandidatesReply>(t.app, t.adminToken, 'GET', `/api/incidents/${sos.incidentId}/candidates`);
    expect(own.body.candidates.map((c) => c.unitId)).not.toContain(victim.id);
    // The nearest capable unit is the police helper, not the fire engine parked next to the officer.
    expect(own.body.candidates[0]).toMatchObject({ unitId: helper.id, tier: 'lead' });
    expect(own.body.candidates.map((c) => c.unitId)).not.toContain(engine.id);
    const other = await api<CandidatesReply>(t.app, t.adminToken, 'POST', '/api/candidates', { ...site, force: 'police', category: 'public_order' });
    expect(other.body.candidates.map((c) => c.unitId)).not.toContain(victim.id);
    await t.app.core.advice.tick();
    await t.app.core.settle();
    expect(t.app.core.picture.advice.get(sos.incidentId)?.bestUnitId).toBe(helper.id);

    // Nobody sends it, and no status button clears it.
    const sent = await api<{ field?: string }>(t.app, t.adminToken, 'POST', `/api/incidents/${sos.incidentId}/dispatch`, { unitIds: [victim.id] });
    expect(sent.status).toBe(409);
    expect(sent.body.field).toBe('unitIds');
    const cleared = await api<{ field?: string }>(t.app, t.adminToken, 'POST', `/api/units/${victim.id}/status`, { status: 'available' });
    expect(cleared.status).toBe(409);
    expect(cleared.body.field).toBe('status');
    const bySchema = await api<{ field?: string }>(t.app, t.adminToken, 'POST', `/api/units/${helper.id}/status`, { status: 'needs_help' });
    expect(bySchema.status).toBe(400);

    // The helper goes; resolving the incident releases the officer (and the helper).
    expect((await api(t.app, t.adminToken, 'POST', `/api/incidents/${sos.incidentId}/dispatch`, { unitIds: [helper.id] })).status).toBe(200);
    const resolved = await api(t.app, t.adminToken, 'POST', `/api/incidents/${sos.incidentId}/resolve`, { outcome: 'solved_on_site' });
    expect(resolved.status).toBe(200);
    await t.app.core.settle();
    expect(t.app.core.picture.units.get(victim.id)!.status).toBe('available');
    expect(t.app.core.picture.units.get(helper.id)!.status).toBe('available');
    const again = await api<CandidatesReply>(t.app, t.adminToken, 'POST', '/api/candidates', { ...site, category: 'criminal' });
    expect(again.body.candidates.map((c) => c.unitId)).toContain(victim.id);
  });

  it('a cancelled SOS incident releases the unit too', async () => {
    const tag = randomUUID().slice(0, 8);
    const unit: Unit = await createUnit(t.app, t.adminToken, `SOS2-${tag}`, `sos2-${tag}`, { force: 'security' });
    const dev = await api<{ key: string }>(t.app, t.adminToken, 'POST', '/api/devices', { name: `r2-${tag}`, kind: 'alert_gateway', unitId: unit.id });
    const sos = await press(dev.body.key, { kind: 'sos', ...north(-3500) });
    expect(sos.joined).toBe(false);
    await t.app.core.settle();
    expect(t.app.core.picture.units.get(unit.id)!.status).toBe('needs_help');
    expect((await incident(sos.incidentId)).priority).toBe('P1');
    const res = await api(t.app, t.adminToken, 'POST', `/api/incidents/${sos.incidentId}/cancel`, { as: 'false_alarm', note: 'pressed by mistake' });
    expect(res.status).toBe(200);
    await t.app.core.settle();
    expect(t.app.core.picture.units.get(unit.id)!.status).toBe('available');
  });
});
