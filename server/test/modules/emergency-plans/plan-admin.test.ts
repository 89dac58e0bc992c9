import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmergencyPlan, EmergencyPlanContent, EmergencyPlanVersion, Incident } from '@lianfang/shared';
import { api, login, type TestApp } from '../../helpers/test-app.js';
import { startOn, type Driver } from '../analytics/analytics-client.js';

const STORM: EmergencyPlanContent = {
  name: { 'zh-CN': '台风防御预案', en: 'Typhoon plan' },
  category: 'natural_disaster',
  unitMix: { police: 1, volunteer: 3 },
  tasks: [
    { title: '加固广告牌与工地围挡', owner: '城管' },
    { title: '转移危旧房屋住户', owner: '社区' },
  ],
};

/**
 * The district's own emergency plans: created, saved as versions, retired and reinstated by an
 * administrator, each change audited with its actor and published as `emergency_plan.updated`;
 * a save on a stale version is refused, and what an operator starts is the latest saved version.
 */
describe.each(['pglite', 'postgres'] as const satisfies readonly Driver[])('emergency plans kept by the district on %s', (driver) => {
  let t: TestApp;
  let operatorToken: string;
  beforeAll(async () => {
    t = await startOn(driver);
    const op = await api(t.app, t.adminToken, 'POST', '/api/users', { username: 'duty-op', password: 'duty-op-password-1', role: 'operator' });
    expect(op.status).toBe(201);
    operatorToken = await login(t.app, 'duty-op', 'duty-op-password-1');
  });
  afterAll(async () => t?.close());

  const audit = async (target: string) =>
    (await t.app.core.db.query<{ actor: string; action: string }>('SELECT actor, action FROM audit_log WHERE target = $1 ORDER BY id', [target])).map(
      (a) => `${a.actor} ${a.action}`,
    );
  const planEvents = async (id: string) => {
    await t.app.core.settle();
    const rows = await t.app.core.db.query<{ payload: { emergencyPlan: EmergencyPlan } }>(
      `SELECT payload FROM events WHERE type = 'emergency_plan.updated' ORDER BY seq`,
    );
    return rows
      .map((r) => r.payload.emergencyPlan)
      .filter((p) => p.id === id)
      .map((p) => `v${p.version}${p.retired ? ' retired' : ''}`);
  };

  it('starts with the three default plans, version 1, seeded once', async () => {
    const plans = (await api<EmergencyPlan[]>(t.app, t.adminToken, 'GET', '/api/admin/plans')).body;
    expect(plans.map((p) => [p.id, p.version, p.retired]).sort()).toEqual([
      ['flood', 1, false],
      ['hazmat', 1, false],
      ['outbreak', 1, false],
    ]);
    const versions = (await api<EmergencyPlanVersion[]>(t.app, t.adminToken, 'GET', '/api/admin/plans/flood/versions')).body;
    expect(versions.map((v) => [v.version, v.savedBy])).toEqual([[1, 'system']]);
  });

  it('creates, saves a version, refuses a stale save, retires and reinstates: each audited and published', async () => {
    const created = await api<EmergencyPlan>(t.app, t.adminToken, 'POST', '/api/admin/plans', STORM);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...STORM, version: 1, retired: false, updatedBy: 'user:admin' });
    const id = created.body.id;

    const edited = { ...STORM, unitMix: { police: 2, volunteer: 4, city_mgmt: 1 }, tasks: [...STORM.tasks, { title: '开放避风场所', owner: '街道办' }] };
    const saved = await api<EmergencyPlan>(t.app, t.adminToken, 'PUT', `/api/admin/plans/${id}`, { ...edited, version: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, unitMix: edited.unitMix });
    expect(saved.body.tasks).toHaveLength(3);

    // A second administrator still on version 1 does not overwrite version 2.
    const stale = await api<{ field: string; message: string }>(t.app, t.adminToken, 'PUT', `/api/admin/plans/${id}`, { ...STORM, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.field).toBe('version');
    expect(stale.body.message).toContain('version 2');

    const retired = await api<EmergencyPlan>(t.app, t.adminToken, 'POST', `/api/admin/plans/${id}/retire`, { version: 2 });
    expect(retired.body).toMatchObject({ version: 3, retired: true, tasks: saved.body.tasks });
    expect((await api<EmergencyPlan[]>(t.app, operatorToken, 'GET', '/api/plans')).body.map((p) => p.id)).not.toContain(id);
    const start = await api<{ field: string }>(t.app, operatorToken, 'POST', `/api/plans/${id}/activate`, { lat: 31.2304, lon: 121.4737 });
    expect(start.status).toBe(409);
    expect(start.body.field).toBe('planId');

    const back = await api<EmergencyPlan>(t.app, t.adminToken, 'POST', `/api/admin/plans/${id}/reinstate`, { version: 3 });
    expect(back.body).toMatchObject({ version: 4, retired: false });

    const versions = (await api<EmergencyPlanVersion[]>(t.app, t.adminToken, 'GET', `/api/admin/plans/${id}/versions`)).body;
    expect(versions.map((v) => [v.version, v.retired, v.tasks.length])).toEqual([
      [4, false, 3],
      [3, true, 3],
      [2, false, 3],
      [1, false, 2],
    ]);
    expect(await audit(id)).toEqual(['user:admin plan.create', 'user:admin plan.update', 'user:admin plan.retire', 'user:admin plan.reinstate']);
    expect(await planEvents(id)).toEqual(['v1', 'v2', 'v3 retired', 'v4']);
  });

  it('an operator starts the latest version: its checklist, and the version on the timeline', async () => {
    const flood = (
      await api<EmergencyPlan>(t.app, t.adminToken, 'PUT', '/api/admin/plans/flood', {
        name: { 'zh-CN': '防汛应急预案', en: 'Flood response plan' },
        category: 'natural_disaster',
        unitMix: {},
        tasks: [{ title: '封控积水路段', owner: '公安' }],
        version: 1,
      })
    ).body;
    expect(flood.version).toBe(2);
    const started = await api<Incident>(t.app, operatorToken, 'POST', '/api/plans/flood/activate', { lat: 31.2304, lon: 121.4737 });
    expect(started.status).toBe(201);
    expect(started.body.tasks.map((task) => task.title)).toEqual(['封控积水路段']);
    const detail = await api<{ timeline: { kind: string; data: { version?: number } }[] }>(t.app, t.adminToken, 'GET', `/api/incidents/${started.body.id}`);
    expect(detail.body.timeline.find((e) => e.kind === 'plan_activated')?.data.version).toBe(2);
  });

  it('refuses bad plans with the field named, and non-admins', async () => {
    const cases: [object, number, string][] = [
      [{ ...STORM, tasks: [] }, 400, 'tasks'],
      [{ ...STORM, category: 'earthquake' }, 400, 'category'],
      [{ ...STORM, unitMix: { police: -1 } }, 400, 'unitMix.police'],
      [{ ...STORM, unitMix: { police: 50, volunteer: 50, security: 50, fire: 50, medical: 50 } }, 422, 'unitMix'],
      [{ ...STORM, tasks: [STORM.tasks[0], STORM.tasks[0]] }, 422, 'tasks.1.title'],
      [{ ...STORM, name: { 'zh-CN': '', en: 'x' } }, 400, 'name.zh-CN'],
    ];
    for (const [body, status, field] of cases) {
      const res = await api<{ field: string }>(t.app, t.adminToken, 'POST', '/api/admin/plans', body);
      expect([res.status, res.body.field], JSON.stringify(body)).toEqual([status, field]);
    }
    expect((await api(t.app, operatorToken, 'POST', '/api/admin/plans', STORM)).status).toBe(403);
    expect((await api(t.app, t.adminToken, 'PUT', '/api/admin/plans/nope', { ...STORM, version: 1 })).status).toBe(404);
  });
});
