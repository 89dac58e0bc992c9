import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '@lianfang/shared';
import { createUnit } from '../../helpers/fixtures.js';
import { RecordingClient } from '../../helpers/socket-client.js';
import { api, login, startTestApp, type TestApp } from '../../helpers/test-app.js';

type Detail = { incident: Incident; timeline: { kind: string; data: { kind?: string } }[] };

// A captain on scene asks for backup: the control room must see it on the incident it already
// handles (banner, sound, timeline), not as a second incident someone has to link by hand.
describe('backup request from a tablet', () => {
  let t: TestApp;
  let captain: string;
  let unitId: string;
  beforeAll(async () => {
    t = await startTestApp();
    unitId = (await createUnit(t.app, t.adminToken, 'BK-1', `bk-${randomUUID()}`)).id;
    await api(t.app, t.adminToken, 'POST', '/api/users', { username: 'bkcap', password: 'backup-captain', role: 'captain', unitId });
    captain = await login(t.app, 'bkcap', 'backup-captain');
  });
  afterAll(async () => t?.close());

  const openIncident = async (title: string) => {
    const created = await api<Incident>(t.app, t.adminToken, 'POST', '/api/incidents', { category: 'dispute', priority: 'P2', title, lat: 30.26, lon: 120.17 });
    await api(t.app, t.adminToken, 'POST', `/api/incidents/${created.body.id}/dispatch`, { unitIds: [unitId] });
    return created.body;
  };

  it('joins the named open incident: same incident, one more alert, a timeline entry of kind backup, a live alert:raised', async () => {
    const incident = await openIncident('Fight outside the night market');
    const wall = new RecordingClient(t.url, t.adminToken);
    await wall.connected();
    const tablet = new RecordingClient(t.url, captain);
    await tablet.connected();
    const ack = await tablet.socket.emitWithAck('alert:raise', {
      kind: 'backup',
      incidentId: incident.id,
      lat: 30.2601,
      lon: 120.1702,
      note: 'need two more',
      idempotencyKey: randomUUID(),
    });
    // The incident was opened by an operator (no alert yet): the backup request is its first alert.
    expect(ack).toMatchObject({ data: { incidentId: incident.id, joined: true, pressCount: 1 } });
    await t.app.core.settle();
    await wall.waitForSeq(t.app.core.sequencer.applied);
    const raised = wall.received.filter((r) => r.event === 'alert:raised').at(-1)?.payload as
      { alert: { kind: string; unitId: string }; incident: Incident } | undefined;
    expect(raised?.alert).toMatchObject({ kind: 'backup', unitId });
    expect(raised?.incident.id).toBe(incident.id);
    const detail = await api<Detail>(t.app, t.adminToken, 'GET', `/api/incidents/${incident.id}`);
    expect(detail.body.timeline.filter((e) => e.kind === 'alert_joined').map((e) => e.data.kind)).toEqual(['backup']);
    // No second incident was opened for it.
    expect([...t.app.core.picture.incidents.values()].filter((i) => i.title.startsWith('BACKUP'))).toHaveLength(0);
    wall.close();
    tablet.close();
  });

  it('opens an incident of its own when the named one has closed meanwhile (someone still needs help)', async () => {
    const incident = await openIncident('Closed before the request got through');
    await api(t.app, t.adminToken, 'POST', `/api/incidents/${incident.id}/cancel`, { as: 'false_alarm' });
    const tablet = new RecordingClient(t.url, captain);
    await tablet.connected();
    const ack = await tablet.socket.emitWithAck('alert:raise', { kind: 'backup', incidentId: incident.id, lat: 30.2601, lon: 120.1702 });
    expect('data' in ack && ack.data.joined).toBe(false);
    const fresh = 'data' in ack ? t.app.core.picture.incidents.get(ack.data.incidentId) : undefined;
    expect(fresh).toMatchObject({ priority: 'P1', category: 'public_order', status: 'reported' });
    expect(fresh?.id).not.toBe(incident.id);
    // A malformed incident id is refused naming the field.
    const bad = await tablet.socket.emitWithAck('alert:raise', { kind: 'backup', incidentId: 'not an id' });
    expect(bad).toMatchObject({ details: [{ field: 'incidentId' }] });
    tablet.close();
  });
});
