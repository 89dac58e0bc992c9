import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, Incident, Unit } from '@lianfang/shared';
import { createGateway, createUnit, postAlert, postFix } from '../../helpers/fixtures.js';
import { RecordingClient } from '../../helpers/socket-client.js';
import { api, startTestApp, type TestApp } from '../../helpers/test-app.js';

const YEAR_MS = 365 * 86_400_000;
/** The incident is created from the server's clock: within this of the request, whatever the device said. */
const ALERT_CLOCK_SLACK_MS = 60_000;

describe('device clocks far in the past or future', () => {
  let t: TestApp;
  let unit: Unit;
  beforeAll(async () => {
    t = await startTestApp();
    unit = await createUnit(t.app, t.adminToken, 'CLK-1', 'clk-1');
  });
  afterAll(async () => t?.close());

  const live = () => t.app.core.picture.units.get(unit.id)!.position!;
  const stored = async () =>
    t.app.core.db.query<{ device_time: Date; server_time: Date; flags: string[]; lat: number }>(
      'SELECT device_time, server_time, flags, lat FROM positions WHERE unit_id = $1 ORDER BY server_time, device_time',
      [unit.id],
    );

  it('OsmAnd: keeps and flags a fix from the future, and the next correctly-timed fix is not refused as out of order', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await postFix(t.app, 'clk-1', 31.2, 121.4, now)).body).toBe('OK');
    expect((await postFix(t.app, 'clk-1', 31.2001, 121.4, now + YEAR_MS / 1000)).body).toBe('OK');
    await t.app.core.settle();
    expect(live().flags).toContain('clock_skew');
    // The tracker's clock is fixed: its next fix is ordinary, accepted and on the map.
    expect((await postFix(t.app, 'clk-1', 31.2002, 121.4, now + 2)).body).toBe('OK');
    await t.app.core.settle();
    expect(live()).toMatchObject({ lat: 31.2002, flags: [] });
    const rows = await stored();
    expect(rows.map((r) => r.flags.includes('clock_skew'))).toEqual([false, true, false]);
    // Both times are kept: what the device said, and when the server heard it.
    expect(rows[1]!.device_time.getTime() - rows[1]!.server_time.getTime()).toBeGreaterThan(YEAR_MS - 60_000);
  });

  it('OsmAnd: flags a tracker whose clock is years behind (GPS week rollover), and orders its fixes among themselves', async () => {
    const other = await createUnit(t.app, t.adminToken, 'CLK-2', 'clk-2');
    const past = Math.floor((Date.now() - 1024 * 7 * 86_400_000) / 1000);
    expect((await postFix(t.app, 'clk-2', 31.3, 121.5, past)).body).toBe('OK');
    expect((await postFix(t.app, 'clk-2', 31.3001, 121.5, past + 5)).body).toBe('OK');
    await t.app.core.settle();
    expect(t.app.core.picture.units.get(other.id)!.position).toMatchObject({ lat: 31.3001, flags: ['clock_skew'] });
    // A flagged fix ages by the server's clock, so this unit is not judged two decades stale by dispatch.
    const res = await api<{ candidates: { unitId: string; stale: boolean }[] }>(t.app, t.adminToken, 'POST', '/api/candidates', { lat: 31.3, lon: 121.5 });
    expect(res.body.candidates.find((c) => c.unitId === other.id)?.stale).toBe(false);
  });

  it('socket position:report: flags a future `at` in the reply', async () => {
    expect(
      (await api(t.app, t.adminToken, 'POST', '/api/users', { username: 'clkcap', password: 'clkcap-password', role: 'captain', unitId: unit.id })).status,
    ).toBe(201);
    const token = (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'clkcap', password: 'clkcap-password' } })).json()
      .token as string;
    const tablet = new RecordingClient(t.url, token);
    await tablet.connected();
    const reply = await tablet.socket
      .timeout(5000)
      .emitWithAck('position:report', { lat: 31.2003, lon: 121.4, at: new Date(Date.now() + YEAR_MS).toISOString() });
    expect(reply).toEqual({ data: { accepted: true, flags: ['clock_skew'] } });
    tablet.close();
  });

  it('alert ingest: keeps the device time, flags it, and runs the incident clock from the server time', async () => {
    const gateway = await createGateway(t.app, t.adminToken, 'clk-gw', { lat: 31.25, lon: 121.45 });
    const wall = new RecordingClient(t.url, t.adminToken);
    await wall.connected();
    const cases = [
      { at: new Date(Date.now() + YEAR_MS).toISOString(), skewed: true },
      { at: '2001-01-01T00:00:00.000Z', skewed: true },
      { at: new Date(Date.now() - 5000).toISOString(), skewed: false },
    ];
    for (const [i, c] of cases.entries()) {
      const sentAt = Date.now();
      const res = await postAlert(t.app, gateway.key, { kind: 'panic', at: c.at, idempotencyKey: `clk-${i}` });
      expect(res.status).toBe(202);
      const detail = await api<{ incident: Incident; alerts: Alert[] }>(t.app, t.adminToken, 'GET', `/api/incidents/${res.body.incidentId as string}`);
      const alert = detail.body.alerts.find((a) => a.id === res.body.alertId)!;
      expect(alert.deviceTime).toBe(c.at);
      expect(alert.clockSkew ?? false).toBe(c.skewed);
      expect(Math.abs(Date.parse(detail.body.incident.createdAt) - sentAt)).toBeLessThan(ALERT_CLOCK_SLACK_MS);
      // A retry of the same press is answered from the database, flag included.
      expect((await postAlert(t.app, gateway.key, { kind: 'panic', at: c.at, idempotencyKey: `clk-${i}` })).body.alertId).toBe(res.body.alertId);
    }
    await t.app.core.settle();
    const raised = wall.received.filter((r) => r.event === 'alert:raised').map((r) => (r.payload.alert as Alert).clockSkew ?? false);
    expect(raised).toEqual([true, true, false]);
    wall.close();
  });
});
