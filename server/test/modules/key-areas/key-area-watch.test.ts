import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyArea } from '@lianfang/shared';
import { createUnit, postFix } from '../../helpers/fixtures.js';
import { RecordingClient } from '../../helpers/socket-client.js';
import { api, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { localMinutes } from '../../../src/modules/key-areas/key-area-watcher.js';

const RING: [number, number][] = [
  [120.17, 30.26],
  [120.172, 30.26],
  [120.172, 30.262],
  [120.17, 30.262],
];

describe('key areas', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await createUnit(t.app, t.adminToken, 'K-1', 'key-1', { mode: 'foot' });
  });
  afterAll(async () => t?.close());

  it('converts to local time in the district time zone', () => {
    expect(localMinutes(Date.parse('2026-11-22T12:30:00Z'), 'Asia/Shanghai')).toBe(20 * 60 + 30);
    expect(localMinutes(Date.parse('2026-11-22T12:30:00Z'), 'UTC')).toBe(12 * 60 + 30);
  });

  it('records visits from positions, raises overdue once, and a visit clears it', async () => {
    const created = await api<KeyArea>(t.app, t.adminToken, 'POST', '/api/key-areas', {
      name: '学校门口',
      ring: RING,
      everyMinutes: 10,
      from: '00:00',
      to: '00:00',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const screen = new RecordingClient(t.url, t.adminToken);
    await screen.connected();

    // Outside, then inside.
    const now = Math.floor(Date.now() / 1000);
    await postFix(t.app, 'key-1', 30.27, 120.17, now - 2);
    await t.app.core.keyAreas.tick();
    expect(t.app.core.picture.keyAreas.get(id)?.lastVisitAt).toBeNull();
    await postFix(t.app, 'key-1', 30.261, 120.171, now - 1);
    await t.app.core.keyAreas.tick();
    const visited = t.app.core.picture.keyAreas.get(id)!;
    expect(visited.lastVisitAt).toBe(new Date((now - 1) * 1000).toISOString());
    expect(visited.lastVisitUnitId).toBe(t.app.core.picture.unitByTracker.get('key-1'));

    // Eleven minutes later with nobody inside: overdue, recorded once.
    await t.app.core.keyAreas.tick(Date.now() + 11 * 60_000);
    const overdue = t.app.core.picture.keyAreas.get(id)!;
    expect(overdue.overdueSince).not.toBeNull();
    await t.app.core.keyAreas.tick(Date.now() + 12 * 60_000);
    expect(t.app.core.picture.keyAreas.get(id)!.overdueSince).toBe(overdue.overdueSince);

    // A patrol passes: the alarm clears.
    await postFix(t.app, 'key-1', 30.2612, 120.1712, now + 1);
    await t.app.core.keyAreas.tick();
    expect(t.app.core.picture.keyAreas.get(id)!.overdueSince).toBeNull();

    await t.app.core.settle();
    await screen.waitForSeq(t.app.core.sequencer.applied);
    const updates = screen.received.filter((r) => r.event === 'key_area:updated').map((r) => (r.payload.keyArea as KeyArea).overdueSince !== null);
    // (created before the screen connected) visited, overdue, cleared: never overdue before the first visit was due.
    expect(updates).toEqual([false, true, false]);
    screen.close();
  });

  it('refuses bad hours naming the field, and captains may not create areas', async () => {
    const bad = await api<{ field: string }>(t.app, t.adminToken, 'POST', '/api/key-areas', {
      name: 'x',
      ring: RING,
      everyMinutes: 10,
      from: '25:00',
      to: '06:00',
    });
    expect(bad).toMatchObject({ status: 400, body: { field: 'from' } });
    const unit = await createUnit(t.app, t.adminToken, 'K-2', 'key-2');
    await api(t.app, t.adminToken, 'POST', '/api/users', { username: 'kcap', password: 'kcap-password', role: 'captain', unitId: unit.id });
    const token = (await api<{ token: string }>(t.app, '', 'POST', '/api/auth/login', { username: 'kcap', password: 'kcap-password' })).body.token;
    expect((await api(t.app, token, 'POST', '/api/key-areas', { name: 'x', ring: RING, everyMinutes: 10, from: '20:00', to: '06:00' })).status).toBe(403);
  });
});
