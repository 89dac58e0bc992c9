import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatrolPlan } from '@lianfang/shared';
import { shiftKeyAt } from '@lianfang/shared';
import { createUnit, postFix } from '../../helpers/fixtures.js';
import { api, startTestApp, type TestApp } from '../../helpers/test-app.js';

const POST = { lat: 30.26, lon: 120.17, radiusM: 50 };

describe('fixed posts and guard tours', () => {
  let t: TestApp;
  let guard: string;
  let walker: string;
  beforeAll(async () => {
    t = await startTestApp();
    guard = (await createUnit(t.app, t.adminToken, 'G-1', 'guard-1', { force: 'security', mode: 'foot' })).id;
    walker = (await createUnit(t.app, t.adminToken, 'W-1', 'walker-1', { force: 'merchant_guard', mode: 'foot' })).id;
  });
  afterAll(async () => t?.close());

  it('knows which shift a night moment belongs to', () => {
    const night = { from: '20:00', to: '06:00' };
    expect(shiftKeyAt(night, '2026-11-23', 2 * 60, '2026-11-22')).toBe('2026-11-22');
    expect(shiftKeyAt(night, '2026-11-22', 21 * 60, '2026-11-21')).toBe('2026-11-22');
    expect(shiftKeyAt(night, '2026-11-22', 12 * 60, '2026-11-21')).toBeNull();
  });

  it('reports a guard away from the post after three fixes, and clears it when back', async () => {
    const created = await api<PatrolPlan>(t.app, t.adminToken, 'POST', '/api/patrol-plans', {
      unitId: guard,
      name: '银行门岗',
      kind: 'post',
      from: '00:00',
      to: '00:00',
      post: POST,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const t0 = Math.floor(Date.now() / 1000) - 20;
    await postFix(t.app, 'guard-1', POST.lat + 0.0001, POST.lon, t0);
    // Two fixes away: a stroll, not yet a deviation.
    await postFix(t.app, 'guard-1', POST.lat + 0.002, POST.lon, t0 + 1);
    await postFix(t.app, 'guard-1', POST.lat + 0.002, POST.lon + 0.0005, t0 + 2);
    await t.app.core.patrolDuty.flush();
    expect(t.app.core.picture.patrolPlans.get(id)!.deviatingSince).toBeNull();
    await postFix(t.app, 'guard-1', POST.lat + 0.003, POST.lon, t0 + 3);
    await t.app.core.patrolDuty.flush();
    expect(t.app.core.picture.patrolPlans.get(id)!.deviatingSince).toBe(new Date((t0 + 3) * 1000).toISOString());
    await postFix(t.app, 'guard-1', POST.lat, POST.lon, t0 + 4);
    await t.app.core.patrolDuty.flush();
    expect(t.app.core.picture.patrolPlans.get(id)!.deviatingSince).toBeNull();
  });

  it('checks tour checkpoints in by geofence, each once per shift', async () => {
    const checkpoints = [
      { name: '东门', lat: 30.27, lon: 120.18, radiusM: 30 },
      { name: '停车场', lat: 30.271, lon: 120.181, radiusM: 30 },
    ];
    const created = await api<PatrolPlan>(t.app, t.adminToken, 'POST', '/api/patrol-plans', {
      unitId: walker,
      name: '商场夜巡',
      kind: 'tour',
      from: '00:00',
      to: '00:00',
      checkpoints,
    });
    const id = created.body.id;
    const t0 = Math.floor(Date.now() / 1000) - 10;
    await postFix(t.app, 'walker-1', 30.27, 120.1801, t0);
    await postFix(t.app, 'walker-1', 30.2701, 120.1801, t0 + 1);
    await t.app.core.patrolDuty.flush();
    const plan = t.app.core.picture.patrolPlans.get(id)!;
    expect(plan.checkpoints.map((c) => c.checkedInAt)).toEqual([new Date(t0 * 1000).toISOString(), null]);
    expect(plan.shiftKey).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('refuses a post without its point and a tour without checkpoints, naming the field', async () => {
    expect(
      (await api<{ field: string }>(t.app, t.adminToken, 'POST', '/api/patrol-plans', { unitId: guard, name: 'x', kind: 'post', from: '08:00', to: '16:00' }))
        .body.field,
    ).toBe('post');
    expect(
      (await api<{ field: string }>(t.app, t.adminToken, 'POST', '/api/patrol-plans', { unitId: guard, name: 'x', kind: 'tour', from: '08:00', to: '16:00' }))
        .body.field,
    ).toBe('checkpoints');
    expect(
      (await api<{ field: string }>(t.app, t.adminToken, 'POST', '/api/patrol-plans', { unitId: 'ghost', name: 'x', kind: 'tour', from: '08:00', to: '16:00' }))
        .body.field,
    ).toBe('unitId');
  });
});
