import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, EnrolledUnit, Role, ServerToClientEvents, TrackerEnrolment, Unit } from '@lianfang/shared';
import { postFix } from '../helpers/fixtures.js';
import { api, startTestApp, type TestApp } from '../helpers/test-app.js';
import { loginEveryRole, type RoleLogins } from './role-fixtures.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Everything a role's socket receives until `until` resolves, as one JSON text. */
async function socketTraffic(url: string, token: string, until: () => Promise<unknown>): Promise<string> {
  const socket: Client = io(url, { path: '/socket.io', transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } });
  const seen: unknown[] = [];
  socket.onAny((event, payload) => seen.push({ event, payload }));
  await new Promise<void>((resolve) => socket.once('state:snapshot', () => resolve()));
  await until();
  // the last message may still be on its way: wait for a unit update (or give up after 3 s)
  for (let i = 0; i < 60 && !JSON.stringify(seen).includes('unit:updated'); i++) await new Promise((r) => setTimeout(r, 50));
  socket.disconnect();
  return JSON.stringify(seen);
}

describe('tracker ids are secrets (issue 14, finding 4)', () => {
  let t: TestApp;
  let who: RoleLogins;
  beforeAll(async () => {
    t = await startTestApp();
    who = await loginEveryRole(t);
  });
  afterAll(async () => t?.close());

  it('no role but admin gets a tracker id over REST, and no socket ever carries one', async () => {
    for (const role of ['admin', 'operator', 'manager', 'captain'] as Role[]) {
      const units = await api<Unit[]>(t.app, who.tokens[role], 'GET', '/api/units');
      expect(units.status, role).toBe(200);
      expect(JSON.stringify(units.body), role).not.toContain('sec-tracker-1');
      expect(JSON.stringify((await api(t.app, who.tokens[role], 'GET', '/api/state')).body), role).not.toContain('sec-tracker-1');
    }
    for (const role of ['operator', 'captain'] as Role[]) {
      const traffic = await socketTraffic(t.url, who.tokens[role], async () => {
        // a new unit and a status change go out as unit:updated
        await api(t.app, t.adminToken, 'POST', '/api/units', { callsign: `TS-${role}`, force: 'police', mode: 'car', trackerId: `secret-of-${role}` });
        await api(t.app, t.adminToken, 'POST', `/api/units/${who.captainUnit.id}/status`, { status: role === 'captain' ? 'available' : 'busy' });
        await t.app.core.settle();
      });
      expect(traffic, role).toContain('unit:updated');
      expect(traffic, role).not.toContain('secret-of-');
      expect(traffic, role).not.toContain('sec-tracker-1');
      expect(traffic, role).not.toContain('trackerId');
    }
    const enrolled = await api<EnrolledUnit[]>(t.app, t.adminToken, 'GET', '/api/admin/trackers');
    expect(enrolled.body.find((u) => u.id === who.captainUnit.id)?.trackerId).toBe('sec-tracker-1');
    for (const role of ['operator', 'manager', 'captain'] as Role[])
      expect((await api(t.app, who.tokens[role], 'GET', '/api/admin/trackers')).status, role).toBe(403);
  });

  it('enrols an unguessable id, and a rotated or revoked id stops moving the unit at once', async () => {
    const created = await api<EnrolledUnit>(t.app, t.adminToken, 'POST', '/api/units', { callsign: 'TS-ROT', force: 'security', mode: 'foot' });
    expect(created.body.trackerId).toBeNull();
    const first = await api<TrackerEnrolment>(t.app, t.adminToken, 'POST', `/api/units/${created.body.id}/tracker`);
    const second = await api<TrackerEnrolment>(t.app, t.adminToken, 'POST', `/api/units/${created.body.id}/tracker`);
    expect(first.body.trackerId).toMatch(/^lf-[A-Za-z0-9_-]{20}$/);
    expect(second.body.trackerId).not.toBe(first.body.trackerId);
    const now = Math.floor(Date.now() / 1000);
    expect((await postFix(t.app, first.body.trackerId, 31.2, 121.4, now)).status).toBe(400);
    expect((await postFix(t.app, second.body.trackerId, 31.2, 121.4, now)).status).toBe(200);
    expect((await api<EnrolledUnit>(t.app, t.adminToken, 'DELETE', `/api/units/${created.body.id}/tracker`)).body.trackerId).toBeNull();
    expect((await postFix(t.app, second.body.trackerId, 31.2, 121.41, now + 1)).status).toBe(400);
    expect(await api(t.app, t.adminToken, 'POST', '/api/units/no-such-unit/tracker')).toMatchObject({ status: 404 });
    // audited with the actor, never with the id itself
    const audit = JSON.stringify((await api(t.app, t.adminToken, 'GET', '/api/admin/audit?action=unit.')).body);
    expect(audit).toContain('unit.tracker_enrol');
    expect(audit).toContain('unit.tracker_revoke');
    expect(audit).not.toContain(second.body.trackerId);
    expect(audit).not.toContain('sec-tracker-1');
  });

  it('an SOS from a tracker names the unit, not its tracker id, on the incident', async () => {
    const sos = await postFix(t.app, 'sec-tracker-1', 31.21, 121.46, Math.floor(Date.now() / 1000), '&alarm=sos');
    expect(sos.status).toBe(200);
    await t.app.core.settle();
    const incidents = await api<{ id: string }[]>(t.app, who.tokens.operator, 'GET', '/api/incidents');
    const details = await Promise.all(incidents.body.map((i) => api(t.app, who.tokens.operator, 'GET', `/api/incidents/${i.id}`)));
    const text = JSON.stringify(details.map((d) => d.body));
    expect(text).toContain('tracker:SEC-1');
    expect(text).not.toContain('sec-tracker-1');
  });
});
