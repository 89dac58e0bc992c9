import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatrolPlan, Unit } from '@lianfang/shared';
import { RecordingClient } from '../helpers/socket-client.js';
import { api, login, startTestApp, type TestApp } from '../helpers/test-app.js';

const POST = { lat: 30.26, lon: 120.17, radiusM: 50 };

/**
 * Issue #14 finding 10: over REST a captain saw every team's patrol plans and the
 * coverage map, which their socket feed (captain-visibility.ts) never carries.
 */
describe('REST gives a captain what their socket feed gives, no more', () => {
  let t: TestApp;
  let captain = '';
  const units = {} as Record<'A1' | 'B1', Unit>;

  beforeAll(async () => {
    t = await startTestApp();
    for (const [id, name] of [
      ['team-a', 'A'],
      ['team-b', 'B'],
    ] as const)
      await t.app.core.db.query('INSERT INTO teams (id, name, force) VALUES ($1, $2, $3)', [id, name, 'police']);
    for (const [callsign, teamId] of [
      ['A1', 'team-a'],
      ['B1', 'team-b'],
    ] as const) {
      const res = await api<Unit>(t.app, t.adminToken, 'POST', '/api/units', {
        callsign,
        force: 'police',
        mode: 'car',
        trackerId: `scope-${callsign}`,
        teamId,
      });
      expect(res.status).toBe(201);
      units[callsign] = res.body;
    }
    for (const u of Object.values(units)) {
      expect(
        (
          await api(t.app, t.adminToken, 'POST', '/api/patrol-plans', {
            unitId: u.id,
            name: `post ${u.callsign}`,
            kind: 'post',
            from: '00:00',
            to: '00:00',
            post: POST,
          })
        ).status,
      ).toBe(201);
    }
    expect(
      (
        await api(t.app, t.adminToken, 'POST', '/api/users', {
          username: 'scope-cap',
          password: 'scope-captain',
          role: 'captain',
          unitId: units.A1.id,
          teamId: 'team-a',
        })
      ).status,
    ).toBe(201);
    captain = await login(t.app, 'scope-cap', 'scope-captain');
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lists only the captain's team's patrol plans, the same ones as the socket snapshot", async () => {
    const rest = await api<PatrolPlan[]>(t.app, captain, 'GET', '/api/patrol-plans');
    expect(rest.status).toBe(200);
    expect(rest.body.map((p) => p.unitId)).toEqual([units.A1.id]);
    const tablet = new RecordingClient(t.url, captain);
    try {
      await tablet.connected();
      await tablet.waitForSeq(0);
      expect(tablet.snapshots[0]!.patrolPlans.map((p) => p.id).sort()).toEqual(rest.body.map((p) => p.id).sort());
    } finally {
      tablet.close();
    }
    // the control room still sees every plan
    expect((await api<PatrolPlan[]>(t.app, t.adminToken, 'GET', '/api/patrol-plans')).body).toHaveLength(2);
  });

  it('refuses a captain the coverage map, which the socket never sends them', async () => {
    expect((await api(t.app, captain, 'GET', '/api/coverage')).status).toBe(403);
    expect([200, 404]).toContain((await api(t.app, t.adminToken, 'GET', '/api/coverage')).status);
  });
});
