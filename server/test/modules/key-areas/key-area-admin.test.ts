import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyArea, PatrolPlan } from '@lianfang/shared';
import { api, type TestApp } from '../../helpers/test-app.js';
import { startOn, type Driver } from '../analytics/analytics-client.js';
import { BOW_TIE, GRID_RING, box } from '../geography/geo-fixtures.js';

interface ApiError {
  statusCode: number;
  field?: string;
  code?: string;
}

/**
 * Key areas, fixed posts and guard tours from the console (issue 19): every create, change, retire
 * and reinstate is checked, audited with its actor, published (`key_area.updated`,
 * `patrol_plan.updated`: the live picture, and so every wall and watcher, has it when the call
 * answers) and guarded by the version it was read at.
 */
describe.each(['pglite', 'postgres'] as const satisfies readonly Driver[])('key areas and patrol plans administration on %s', (driver) => {
  let t: TestApp;
  let unitId = '';
  beforeAll(async () => {
    t = await startOn(driver);
    const unit = await api<{ id: string }>(t.app, t.adminToken, 'POST', '/api/units', { callsign: '巡01', force: 'police', mode: 'foot' });
    unitId = unit.body.id;
  });
  afterAll(async () => t?.close());

  const call = <T>(method: 'POST' | 'PATCH', url: string, body: object) => api<T>(t.app, t.adminToken, method, url, body);
  const lastEvent = async () => {
    const [row] = await t.app.core.db.query<{ type: string; payload: unknown }>('SELECT type, payload FROM events ORDER BY seq DESC LIMIT 1');
    const payload = typeof row!.payload === 'string' ? JSON.parse(row!.payload) : row!.payload;
    return { type: row!.type, ...(payload as { keyArea?: KeyArea; patrolPlan?: PatrolPlan }) };
  };
  const lastAudit = async () =>
    (
      await t.app.core.db.query<{ actor: string; action: string; target: string; data: Record<string, unknown> }>(
        'SELECT actor, action, target, data FROM audit_log ORDER BY id DESC LIMIT 1',
      )
    )[0]!;
  const count = async (table: string) => (await t.app.core.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  const AREA = { code: 'KA01', name: '新街口地铁站', ring: GRID_RING, everyMinutes: 30, from: '08:00', to: '22:00' };
  let area: KeyArea;

  it('creates a key area: 201, version 1, audited with its actor, published, watched', async () => {
    const res = await call<KeyArea>('POST', '/api/admin/key-areas', AREA);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'KA01', name: '新街口地铁站', everyMinutes: 30, from: '08:00', to: '22:00', version: 1, retiredAt: null });
    area = res.body;
    expect(await lastAudit()).toMatchObject({ actor: 'user:admin', action: 'key_area.create', target: area.id, data: { code: 'KA01' } });
    expect(await lastEvent()).toMatchObject({ type: 'key_area.updated', keyArea: { id: area.id, code: 'KA01', version: 1 } });
    expect(t.app.core.picture.keyAreas.get(area.id)?.name).toBe('新街口地铁站');
  });

  it.each([
    { what: 'a self-intersecting polygon', body: { ...AREA, code: 'X1', ring: BOW_TIE }, status: 422, field: 'ring', code: 'ring_self_intersects' },
    { what: 'a code in service', body: { ...AREA, name: 'x' }, status: 409, field: 'code', code: 'code_taken' },
    { what: 'hours not HH:MM', body: { ...AREA, code: 'X2', from: '8:00' }, status: 400, field: 'from', code: undefined },
    { what: 'an interval of 0', body: { ...AREA, code: 'X3', everyMinutes: 0 }, status: 400, field: 'everyMinutes', code: undefined },
  ])('refuses $what with $status naming $field, writing nothing', async ({ body, status, field, code }) => {
    const before = await count('key_areas');
    const res = await call<ApiError>('POST', '/api/admin/key-areas', body);
    expect(res.status).toBe(status);
    expect(res.body.field).toBe(field);
    expect(res.body.code).toBe(code);
    expect(await count('key_areas')).toBe(before);
  });

  it('changes a key area with its version; a stale version is 409 naming version and changes nothing', async () => {
    const ring = box(118.773, 32.033, 118.777, 32.037);
    const res = await call<KeyArea>('PATCH', `/api/admin/key-areas/${area.id}`, { version: 1, name: '新街口站', ring, everyMinutes: 20 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '新街口站', everyMinutes: 20, version: 2, ring });
    expect(await lastAudit()).toMatchObject({ action: 'key_area.update', target: area.id, data: { code: 'KA01', fields: ['name', 'ring', 'everyMinutes'] } });
    expect(await lastEvent()).toMatchObject({ type: 'key_area.updated', keyArea: { id: area.id, name: '新街口站', version: 2 } });
    expect(t.app.core.picture.keyAreas.get(area.id)?.everyMinutes).toBe(20);

    const stale = await call<ApiError>('PATCH', `/api/admin/key-areas/${area.id}`, { version: 1, name: 'lost' });
    expect(stale).toMatchObject({ status: 409, body: { field: 'version', code: 'stale_version' } });
    expect(t.app.core.picture.keyAreas.get(area.id)?.name).toBe('新街口站');
  });

  it('retires a key area: off the picture (walls, watcher), audited; its code may be given again; reinstating it then is refused', async () => {
    const res = await call<KeyArea>('POST', `/api/admin/key-areas/${area.id}/retire`, { version: 2 });
    expect(res.status).toBe(200);
    expect(res.body.retiredAt).not.toBeNull();
    expect(await lastAudit()).toMatchObject({ action: 'key_area.retire', target: area.id, data: { code: 'KA01' } });
    expect(await lastEvent()).toMatchObject({ type: 'key_area.updated', keyArea: { id: area.id, version: 3 } });
    expect(t.app.core.picture.keyAreas.has(area.id)).toBe(false);
    expect((await call<ApiError>('PATCH', `/api/admin/key-areas/${area.id}`, { version: 3, name: 'x' })).status).toBe(404);

    const other = await call<KeyArea>('POST', '/api/admin/key-areas', { ...AREA, name: '另一处' });
    expect(other.status).toBe(201);
    const back = await call<ApiError>('POST', `/api/admin/key-areas/${area.id}/reinstate`, { version: 3 });
    expect(back).toMatchObject({ status: 409, body: { field: 'code', code: 'code_taken' } });

    await call('POST', `/api/admin/key-areas/${other.body.id}/retire`, { version: 1 });
    const reinstated = await call<KeyArea>('POST', `/api/admin/key-areas/${area.id}/reinstate`, { version: 3 });
    expect(reinstated).toMatchObject({ status: 200, body: { retiredAt: null, version: 4 } });
    expect(await lastAudit()).toMatchObject({ action: 'key_area.reinstate', target: area.id });
    expect(t.app.core.picture.keyAreas.get(area.id)?.version).toBe(4);
  });

  const POST = { code: 'P01', unitId: '', name: '东门岗', kind: 'post', from: '20:00', to: '06:00', post: { lat: 32.035, lon: 118.775, radiusM: 50 } };
  const TOUR = {
    code: 'T01',
    unitId: '',
    name: '夜巡',
    kind: 'tour',
    from: '22:00',
    to: '02:00',
    checkpoints: [
      { name: '北门', lat: 32.036, lon: 118.774, radiusM: 30 },
      { name: '南门', lat: 32.033, lon: 118.774, radiusM: 30 },
    ],
  };
  const plans: Record<string, PatrolPlan> = {};

  it.each([
    { key: 'post', body: POST },
    { key: 'tour', body: TOUR },
  ])('creates a $key: 201, audited, published as patrol_plan.updated, on the picture', async ({ key, body }) => {
    const res = await call<PatrolPlan>('POST', '/api/admin/patrol-plans', { ...body, unitId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: body.code, kind: body.kind, unitId, version: 1, retiredAt: null });
    plans[key] = res.body;
    expect(await lastAudit()).toMatchObject({ actor: 'user:admin', action: 'patrol_plan.create', target: res.body.id, data: { code: body.code, kind: key } });
    expect(await lastEvent()).toMatchObject({ type: 'patrol_plan.updated', patrolPlan: { id: res.body.id, version: 1 } });
    expect(t.app.core.picture.patrolPlans.get(res.body.id)?.name).toBe(body.name);
  });

  it.each([
    { what: 'a tour without checkpoints', body: () => ({ ...TOUR, code: 'T02', unitId, checkpoints: [] }), status: 422, field: 'checkpoints' },
    { what: 'a post without its point', body: () => ({ ...POST, code: 'P02', unitId, post: undefined }), status: 422, field: 'post' },
    { what: 'an unknown unit', body: () => ({ ...POST, code: 'P03', unitId: 'nobody' }), status: 422, field: 'unitId' },
    { what: 'a code in service', body: () => ({ ...POST, unitId }), status: 409, field: 'code' },
    { what: 'hours not HH:MM', body: () => ({ ...POST, code: 'P04', unitId, to: '24:00' }), status: 400, field: 'to' },
  ])('refuses $what with $status naming $field', async ({ body, status, field }) => {
    const before = await count('patrol_plans');
    const res = await call<ApiError>('POST', '/api/admin/patrol-plans', body());
    expect(res.status).toBe(status);
    expect(res.body.field).toBe(field);
    expect(await count('patrol_plans')).toBe(before);
  });

  it('changes a tour with its version (a stale one is 409), then retires it off the picture', async () => {
    const tour = plans.tour!;
    const checkpoints = [{ name: '北门', lat: 32.036, lon: 118.774, radiusM: 40 }];
    const res = await call<PatrolPlan>('PATCH', `/api/admin/patrol-plans/${tour.id}`, { version: 1, checkpoints, to: '03:00' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 2, to: '03:00', checkpoints: [{ ...checkpoints[0], checkedInAt: null }] });
    expect(await lastAudit()).toMatchObject({ action: 'patrol_plan.update', data: { code: 'T01', fields: ['to', 'checkpoints'] } });
    expect(t.app.core.picture.patrolPlans.get(tour.id)?.to).toBe('03:00');

    const emptied = await call<ApiError>('PATCH', `/api/admin/patrol-plans/${tour.id}`, { version: 2, checkpoints: [] });
    expect(emptied).toMatchObject({ status: 422, body: { field: 'checkpoints' } });
    const stale = await call<ApiError>('PATCH', `/api/admin/patrol-plans/${tour.id}`, { version: 1, name: 'lost' });
    expect(stale).toMatchObject({ status: 409, body: { field: 'version' } });

    const retired = await call<PatrolPlan>('POST', `/api/admin/patrol-plans/${tour.id}/retire`, { version: 2 });
    expect(retired.status).toBe(200);
    expect(await lastAudit()).toMatchObject({ action: 'patrol_plan.retire', target: tour.id });
    expect(await lastEvent()).toMatchObject({ type: 'patrol_plan.updated', patrolPlan: { id: tour.id, version: 3 } });
    expect(t.app.core.picture.patrolPlans.has(tour.id)).toBe(false);
    const list = await api<PatrolPlan[]>(t.app, t.adminToken, 'GET', '/api/patrol-plans');
    expect(list.body.map((p) => p.code)).toEqual(['P01']);
  });
});
