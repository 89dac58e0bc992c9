import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEntry } from '@lianfang/shared';
import { nameTimelineActors } from '../../../src/modules/incidents/timeline-actors.js';
import { createUnit, postAlert } from '../../helpers/fixtures.js';
import { api, startTestApp, type TestApp } from '../../helpers/test-app.js';

// The wall and the replay print who wrote each timeline line: by name, never `device:<uuid>`.
describe('timeline actors by name', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('names a device by its name and its unit, and a user by username, in GET /api/incidents/:id', async () => {
    const unit = await createUnit(t.app, t.adminToken, 'TA-07', `ta-${randomUUID()}`);
    const device = await api<{ id: string; key: string }>(t.app, t.adminToken, 'POST', '/api/devices', {
      name: 'Night market button',
      kind: 'alert_gateway',
      unitId: unit.id,
    });
    expect(device.status).toBe(201);
    const raised = await postAlert(t.app, device.body.key, { kind: 'panic', lat: 30.26, lon: 120.17 });
    expect(raised.status).toBe(202);
    const incidentId = String(raised.body.incidentId);
    await api(t.app, t.adminToken, 'POST', `/api/incidents/${incidentId}/dispatch`, { unitIds: [unit.id] });

    const detail = await api<{ timeline: TimelineEntry[] }>(t.app, t.adminToken, 'GET', `/api/incidents/${incidentId}`);
    expect(detail.status).toBe(200);
    const byKind = new Map(detail.body.timeline.map((e) => [e.kind, e]));
    expect(byKind.get('alert_received')).toMatchObject({ actor: `device:${device.body.id}`, actorName: 'Night market button · TA-07' });
    expect(byKind.get('unit_dispatched')).toMatchObject({ actor: 'user:admin', actorName: 'admin' });
  });

  it('names a unit by callsign and answers null for a record that is gone or a system line', async () => {
    const unit = await createUnit(t.app, t.adminToken, 'TA-08', `ta-${randomUUID()}`);
    const rows: Omit<TimelineEntry, 'actorName'>[] = [
      { at: new Date().toISOString(), actor: `unit:${unit.id}`, kind: 'unit_on_scene', data: {} },
      { at: new Date().toISOString(), actor: `device:${randomUUID()}`, kind: 'alert_joined', data: {} },
      { at: new Date().toISOString(), actor: 'system', kind: 'ack_timeout', data: {} },
      { at: new Date().toISOString(), actor: 'tracker:TA-08', kind: 'unit_on_scene', data: {} },
    ];
    const named = await nameTimelineActors(t.app.core.db, rows);
    expect(named.map((e) => e.actorName)).toEqual(['TA-08', null, null, 'TA-08']);
  });
});
