import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '@lianfang/shared';
import { createUnit, postFix } from '../../helpers/fixtures.js';
import { api, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { DEMO_CENTER } from '../../../src/modules/roads/road-network.js';

describe('emergency plans', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp();
    const now = Math.floor(Date.now() / 1000);
    // On the demo city's streets (the default road network): near, middle and far from the centre.
    const roster: [string, 'fire' | 'medical' | 'police', number][] = [
      ['F-1', 'fire', 0.002],
      ['F-2', 'fire', 0.006],
      ['M-1', 'medical', 0.004],
      ['P-near', 'police', 0.001],
      ['P-mid', 'police', 0.005],
      ['P-far', 'police', 0.015],
    ];
    for (const [callsign, force, offset] of roster) {
      ids[callsign] = (await createUnit(t.app, t.adminToken, callsign, `plan-${callsign}`, { force, mode: 'car' })).id;
      await postFix(t.app, `plan-${callsign}`, DEMO_CENTER.lat + offset, DEMO_CENTER.lon + offset, now);
    }
    await t.app.core.settle();
  });
  afterAll(async () => t?.close());

  it('lists the three default plans', async () => {
    const plans = await api<{ id: string; category: string }[]>(t.app, t.adminToken, 'GET', '/api/plans');
    expect(plans.body.map((p) => p.category).sort()).toEqual(['natural_disaster', 'production_safety', 'public_health']);
  });

  it('activates: P1 at the street office, checklist, nearest units of each force, shortfall on the timeline', async () => {
    const res = await api<Incident>(t.app, t.adminToken, 'POST', '/api/plans/hazmat/activate', {
      lat: DEMO_CENTER.lat,
      lon: DEMO_CENTER.lon,
      title: '化工仓库泄漏',
    });
    expect(res.status).toBe(201);
    const incident = res.body;
    expect(incident).toMatchObject({
      priority: 'P1',
      category: 'production_safety',
      level: 'street',
      planId: 'hazmat',
      status: 'dispatched',
      title: '化工仓库泄漏',
    });
    expect(incident.tasks).toHaveLength(5);
    expect(incident.tasks.every((task) => task.state === 'open')).toBe(true);
    // hazmat asks fire 2, medical 1, police 2, city_mgmt 1: the two nearest police, not the far one; no city_mgmt exists.
    const sent = incident.assignments.map((a) => a.unitId).sort();
    expect(sent).toEqual([ids['F-1'], ids['F-2'], ids['M-1'], ids['P-near'], ids['P-mid']].sort());
    const detail = await api<{ timeline: { kind: string; data: { shortfall?: unknown } }[] }>(t.app, t.adminToken, 'GET', `/api/incidents/${incident.id}`);
    expect(detail.body.timeline.find((e) => e.kind === 'plan_shortfall')?.data.shortfall).toEqual([{ force: 'city_mgmt', wanted: 1, got: 0 }]);

    const done = await api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${incident.id}/tasks/1`, { state: 'done', owner: '区医院' });
    expect(done.body.tasks[1]).toMatchObject({ state: 'done', owner: '区医院' });
    expect((await api(t.app, t.adminToken, 'POST', `/api/incidents/${incident.id}/tasks/9`, { state: 'done' })).status).toBe(404);
    expect((await api<{ field: string }>(t.app, t.adminToken, 'POST', `/api/incidents/${incident.id}/tasks/1`, { state: 'finished' })).body.field).toBe(
      'state',
    );
  });

  it('refuses an unknown plan and a missing location', async () => {
    expect((await api(t.app, t.adminToken, 'POST', '/api/plans/volcano/activate', { lat: 30, lon: 120 })).status).toBe(404);
    expect((await api<{ field: string }>(t.app, t.adminToken, 'POST', '/api/plans/flood/activate', { lat: 30 })).body.field).toBe('lon');
  });
});
