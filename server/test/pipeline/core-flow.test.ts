import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, PositionRows, Snapshot } from '@lianfang/shared';
import { decodePositionRows } from '@lianfang/shared';
import { createGateway, createUnit, postAlert, postFix } from '../helpers/fixtures.js';
import { RecordingClient } from '../helpers/socket-client.js';
import { api, startTestApp, type TestApp } from '../helpers/test-app.js';
import { createTestDatabase } from '../helpers/test-services.js';

/** The same flow on both drivers: embedded PGlite and a real PostgreSQL server. */
describe.each(['pglite', 'postgres'] as const)('core flow on %s', (driver) => {
  let t: TestApp;
  let dropDb: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (driver === 'postgres') {
      const db = await createTestDatabase();
      dropDb = db.drop;
      t = await startTestApp({ databaseUrl: db.url });
    } else {
      t = await startTestApp();
    }
  });
  afterAll(async () => {
    await t?.close();
    await dropDb?.();
  });

  it('streams positions and alerts to a logged-in screen in seq order, committed before the 2xx', async () => {
    const unit = await createUnit(t.app, t.adminToken, `P-${driver}`, `trk-${driver}`);
    const gateway = await createGateway(t.app, t.adminToken, 'shop gateway', { lat: 30.2712, lon: 120.1611 });
    const screen = new RecordingClient(t.url, t.adminToken);
    await screen.connected();
    await t.app.core.settle();
    await screen.waitForSeq(t.app.core.sequencer.applied);
    expect(screen.snapshots).toHaveLength(1);
    expect(screen.snapshots[0]!.units.map((u) => u.callsign)).toContain(`P-${driver}`);

    const now = Math.floor(Date.now() / 1000);
    expect((await postFix(t.app, `trk-${driver}`, 30.27, 120.16, now - 2)).status).toBe(200);
    expect((await postFix(t.app, `trk-${driver}`, 30.2701, 120.1601, now - 1)).status).toBe(200);
    const alert = await postAlert(t.app, gateway.key, { kind: 'panic', note: 'shop 12' });
    expect(alert.status).toBe(202);
    // Acknowledged means durable: the row is there before anything else happens.
    const rows = await t.app.core.db.query<{ id: string }>('SELECT id FROM alerts WHERE id = $1', [alert.body.alertId]);
    expect(rows).toHaveLength(1);

    await t.app.core.settle();
    await screen.waitForSeq(t.app.core.sequencer.applied);
    const alertMsg = screen.received.find((r) => r.event === 'alert:raised');
    expect(alertMsg?.payload.incident).toMatchObject({ id: alert.body.incidentId, status: 'reported', priority: 'P1', alertCount: 1, lat: 30.2712 });
    const positionMsgs = screen.received.filter((r) => r.event === 'unit:positions');
    const last = positionMsgs
      .flatMap((m) => decodePositionRows(m.payload as unknown as PositionRows))
      .filter((p) => p.unitId === unit.id)
      .at(-1);
    expect(last?.lat).toBe(30.2701);
    // Strictly increasing, gap-free coverage of everything after the snapshot.
    const seqs = screen.coveredSeqs();
    expect(seqs[0]).toBe(screen.snapshots[0]!.seq + 1);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    expect(screen.gaps).toBe(0);
    expect(screen.duplicates).toBe(0);
    screen.close();
  });

  it('joins repeated presses from one device into one counted incident, and honours idempotency keys', async () => {
    const gateway = await createGateway(t.app, t.adminToken, 'bank button', { lat: 30.28, lon: 120.17 });
    const first = await postAlert(t.app, gateway.key, { kind: 'panic', idempotencyKey: 'press-1' });
    const retry = await postAlert(t.app, gateway.key, { kind: 'panic', idempotencyKey: 'press-1' });
    const second = await postAlert(t.app, gateway.key, { kind: 'panic', idempotencyKey: 'press-2' });
    const third = await postAlert(t.app, gateway.key, { kind: 'panic' });
    expect(retry.body.alertId).toBe(first.body.alertId);
    expect(second.body).toMatchObject({ incidentId: first.body.incidentId, joined: true, pressCount: 2 });
    expect(third.body).toMatchObject({ incidentId: first.body.incidentId, joined: true, pressCount: 3 });
    const [row] = await t.app.core.db.query<{ n: number }>('SELECT count(*)::int AS n FROM alerts WHERE device_id = $1', [gateway.id]);
    expect(row!.n).toBe(3);
    await t.app.core.settle();
    expect(t.app.core.picture.incidents.get(first.body.incidentId as string)?.alertCount).toBe(3);
  });

  it('locates an SOS from a tracker alarm at its fix and assigns the containing grid', async () => {
    await t.app.core.db.query(`INSERT INTO grids (id, name, level, ring) VALUES ('g-test-${driver}', 'Test grid', 'grid', $1)`, [
      JSON.stringify([
        [121.0, 31.0],
        [121.01, 31.0],
        [121.01, 31.01],
        [121.0, 31.01],
      ]),
    ]);
    // Geography is loaded at start; reload it as an admin change would.
    t.app.core.picture.geography.grids = await import('../../src/modules/geography/geo-repository.js').then((m) => m.listGrids(t.app.core.db));
    await createUnit(t.app, t.adminToken, `S-${driver}`, `sos-${driver}`);
    const res = await postFix(t.app, `sos-${driver}`, 31.005, 121.005, Math.floor(Date.now() / 1000), '&alarm=sos');
    expect(res.status).toBe(200);
    const incidents = await api<Incident[]>(t.app, t.adminToken, 'GET', '/api/incidents');
    const sos = incidents.body.find((i) => i.title.includes(`S-${driver}`));
    expect(sos).toMatchObject({ category: 'criminal', priority: 'P1', lat: 31.005, lon: 121.005, gridId: `g-test-${driver}` });
  });

  it('refuses sockets and operator routes without a login, and the wrong role', async () => {
    const anonymous = new RecordingClient(t.url, 'not-a-token');
    await expect(anonymous.connected()).rejects.toThrow(/unauthorized/);
    expect((await t.app.inject({ method: 'GET', url: '/api/units' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/state' })).statusCode).toBe(401);
    const unit = await createUnit(t.app, t.adminToken, `C-${driver}`, `cap-${driver}`);
    const made = await api(t.app, t.adminToken, 'POST', '/api/users', {
      username: `cap_${driver}`,
      password: 'captain-pass',
      role: 'captain',
      unitId: unit.id,
    });
    expect(made.status).toBe(201);
    const captain = (await api<{ token: string }>(t.app, '', 'POST', '/api/auth/login', { username: `cap_${driver}`, password: 'captain-pass' })).body.token;
    expect((await api(t.app, captain, 'POST', '/api/units', { callsign: 'X', force: 'police', mode: 'car' })).status).toBe(403);
    expect((await api(t.app, captain, 'GET', '/api/devices')).status).toBe(403);
    // A device key is not a login.
    const gw = await createGateway(t.app, t.adminToken, 'gw-role', { lat: 30, lon: 120 });
    expect((await api(t.app, gw.key, 'GET', '/api/units')).status).toBe(401);
  });

  it('takes tablet positions and SOS over the socket with acknowledgements', async () => {
    const unit = await createUnit(t.app, t.adminToken, `T-${driver}`, `tab-${driver}`);
    await api(t.app, t.adminToken, 'POST', '/api/users', { username: `tab_${driver}`, password: 'tablet-pass', role: 'captain', unitId: unit.id });
    const token = (await api<{ token: string }>(t.app, '', 'POST', '/api/auth/login', { username: `tab_${driver}`, password: 'tablet-pass' })).body.token;
    const tablet = new RecordingClient(t.url, token);
    await tablet.connected();
    const bad = await tablet.socket.emitWithAck('position:report', { lat: 123, lon: 120 });
    expect(bad).toMatchObject({ details: [{ field: 'lat' }] });
    const good = await tablet.socket.emitWithAck('position:report', { lat: 30.25, lon: 120.15 });
    expect(good).toEqual({ data: { accepted: true, flags: [] } });
    const sos = await tablet.socket.emitWithAck('alert:raise', { kind: 'sos' });
    expect('data' in sos && sos.data.incidentId).toBeTruthy();
    await t.app.core.settle();
    const snapshot = (await api<Snapshot>(t.app, t.adminToken, 'GET', '/api/state')).body;
    const incident = snapshot.incidents.find((i) => 'data' in sos && i.id === sos.data.incidentId);
    // Located at the tablet's last reported position.
    expect(incident).toMatchObject({ lat: 30.25, lon: 120.15, unitId: unit.id });
    tablet.close();
  });
});
