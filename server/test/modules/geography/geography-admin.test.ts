import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grid, Station } from '@lianfang/shared';
import { api, type TestApp } from '../../helpers/test-app.js';
import { startOn, type Driver } from '../analytics/analytics-client.js';
import { BOW_TIE, COMMUNITY_RING, GRID_RING, OUTSIDE_RING, STREET_RING } from './geo-fixtures.js';

interface ApiError {
  statusCode: number;
  field?: string;
  code?: string;
  message: string;
}

/**
 * The console's grids and stations (issue 19) through the API: every create, change and retire is
 * checked, audited with its actor, published as one `geography.changed` (the live picture, and so
 * every wall, has it when the call answers), and guarded by the version it was read at.
 */
describe.each(['pglite', 'postgres'] as const satisfies readonly Driver[])('geography administration on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startOn(driver);
  });
  afterAll(async () => t?.close());

  const call = <T>(method: 'POST' | 'PATCH', url: string, body: object) => api<T>(t.app, t.adminToken, method, url, body);
  const lastEvent = async () => {
    const [row] = await t.app.core.db.query<{ type: string; payload: unknown }>('SELECT type, payload FROM events ORDER BY seq DESC LIMIT 1');
    const payload = typeof row!.payload === 'string' ? JSON.parse(row!.payload) : row!.payload;
    return { type: row!.type, ...(payload as { grids: Grid[]; stations: Station[] }) };
  };
  const lastAudit = async () =>
    (
      await t.app.core.db.query<{ actor: string; action: string; target: string; data: Record<string, unknown> }>(
        'SELECT actor, action, target, data FROM audit_log ORDER BY id DESC LIMIT 1',
      )
    )[0]!;

  const ids: Record<string, string> = {};

  it.each([
    { key: 'street', body: { code: 'S01', name: '新街口街道', level: 'street', parentId: null, ring: STREET_RING, leader: '林主任', phone: '025-1000' } },
    { key: 'community', body: { code: 'S01-C01', name: '丰富路社区', level: 'community', parentId: 'street', ring: COMMUNITY_RING } },
    { key: 'grid', body: { code: 'S01-C01-G01', name: '一网格', level: 'grid', parentId: 'community', ring: GRID_RING, leader: '王网格长' } },
  ])('creates the $key: 201, audited with its actor, published, on the live picture', async ({ key, body }) => {
    const parentId = body.parentId ? ids[body.parentId]! : null;
    const res = await call<Grid>('POST', '/api/admin/grids', { ...body, parentId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: body.code, name: body.name, level: body.level, parentId, version: 1, retiredAt: null });
    ids[key] = res.body.id;
    expect(await lastAudit()).toMatchObject({ actor: 'user:admin', action: 'grid.create', target: res.body.id, data: { code: body.code, level: body.level } });
    const event = await lastEvent();
    expect(event.type).toBe('geography.changed');
    expect(event.grids.map((g) => [g.id, g.code, g.version])).toEqual([[res.body.id, body.code, 1]]);
    expect(event.stations).toEqual([]);
    expect(t.app.core.picture.grids.find((g) => g.id === res.body.id)?.name).toBe(body.name);
  });

  it('keeps the leader and phone as the first contact', async () => {
    const street = t.app.core.picture.grids.find((g) => g.id === ids.street)!;
    expect(street.leader).toBe('林主任');
    expect(street.contacts).toEqual([{ name: '林主任', phone: '025-1000', role: '负责人' }]);
  });

  it.each([
    {
      what: 'a self-intersecting ring',
      body: { code: 'X1', name: 'x', level: 'street', parentId: null, ring: BOW_TIE },
      status: 422,
      field: 'ring',
      code: 'ring_self_intersects',
    },
    {
      what: 'a ring of two points',
      body: {
        code: 'X2',
        name: 'x',
        level: 'street',
        parentId: null,
        ring: [
          [118.77, 32.03],
          [118.78, 32.03],
          [118.77, 32.03],
        ],
      },
      status: 422,
      field: 'ring',
      code: 'ring_too_few_points',
    },
    {
      what: 'a street with a parent',
      body: { code: 'X3', name: 'x', level: 'street', parentId: 'street', ring: GRID_RING },
      status: 422,
      field: 'parentId',
      code: 'street_has_parent',
    },
    {
      what: 'a community without a parent',
      body: { code: 'X4', name: 'x', level: 'community', parentId: null, ring: GRID_RING },
      status: 422,
      field: 'parentId',
      code: 'parent_required',
    },
    {
      what: 'a grid under a street',
      body: { code: 'X5', name: 'x', level: 'grid', parentId: 'street', ring: GRID_RING },
      status: 422,
      field: 'parentId',
      code: 'wrong_parent_level',
    },
    {
      what: 'a grid outside its community',
      body: { code: 'X6', name: 'x', level: 'grid', parentId: 'community', ring: OUTSIDE_RING },
      status: 422,
      field: 'ring',
      code: 'outside_parent',
    },
    {
      what: 'a code already used',
      body: { code: 'S01', name: 'x', level: 'street', parentId: null, ring: STREET_RING },
      status: 409,
      field: 'code',
      code: 'code_taken',
    },
    {
      what: 'an unknown parent',
      body: { code: 'X7', name: 'x', level: 'grid', parentId: 'nope', ring: GRID_RING },
      status: 422,
      field: 'parentId',
      code: 'unknown_parent',
    },
    { what: 'a bad level', body: { code: 'X8', name: 'x', level: 'district', parentId: null, ring: GRID_RING }, status: 400, field: 'level', code: undefined },
  ])('refuses $what with $status naming $field, writing nothing', async ({ body, status, field, code }) => {
    const before = (await t.app.core.db.query<{ n: number }>('SELECT count(*)::int AS n FROM grids'))[0]!.n;
    const parentId = body.parentId && ids[body.parentId] ? ids[body.parentId] : body.parentId;
    const res = await call<ApiError>('POST', '/api/admin/grids', { ...body, parentId });
    expect(res.status).toBe(status);
    expect(res.body.field).toBe(field);
    expect(res.body.code).toBe(code);
    expect((await t.app.core.db.query<{ n: number }>('SELECT count(*)::int AS n FROM grids'))[0]!.n).toBe(before);
  });

  it('updates with the version read; a stale version is 409 naming version and changes nothing', async () => {
    const res = await call<Grid>('PATCH', `/api/admin/grids/${ids.grid}`, { version: 1, name: '一网格（新）', phone: '138-0000' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '一网格（新）', version: 2, contacts: [{ name: '王网格长', phone: '138-0000' }] });
    expect(await lastAudit()).toMatchObject({ actor: 'user:admin', action: 'grid.update', data: { fields: ['name', 'contacts'] } });
    expect((await lastEvent()).grids[0]).toMatchObject({ id: ids.grid, version: 2, name: '一网格（新）' });

    const stale = await call<ApiError>('PATCH', `/api/admin/grids/${ids.grid}`, { version: 1, name: '另一个名字' });
    expect(stale.status).toBe(409);
    expect(stale.body.field).toBe('version');
    expect(t.app.core.picture.grids.find((g) => g.id === ids.grid)?.name).toBe('一网格（新）');
  });

  it('refuses to shrink a community so that its grid falls outside', async () => {
    const res = await call<ApiError>('PATCH', `/api/admin/grids/${ids.community}`, { version: 1, ring: OUTSIDE_RING });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ field: 'ring', code: 'children_outside' });
  });

  it('refuses to retire a grid that still has children; retires a leaf, which leaves the picture', async () => {
    const busy = await call<ApiError>('POST', `/api/admin/grids/${ids.community}/retire`, { version: 1 });
    expect(busy.status).toBe(409);
    expect(busy.body.field).toBe('id');

    const res = await call<Grid>('POST', `/api/admin/grids/${ids.grid}/retire`, { version: 2 });
    expect(res.status).toBe(200);
    expect(res.body.retiredAt).toEqual(expect.any(String));
    expect(await lastAudit()).toMatchObject({ action: 'grid.retire', target: ids.grid, data: { code: 'S01-C01-G01' } });
    expect((await lastEvent()).grids[0]).toMatchObject({ id: ids.grid, version: 3, retiredAt: res.body.retiredAt });
    expect(t.app.core.picture.grids.some((g) => g.id === ids.grid)).toBe(false);
    // the row stays for the incidents that point at it
    expect((await t.app.core.db.query('SELECT 1 FROM grids WHERE id = $1', [ids.grid])).length).toBe(1);
    const again = await call<ApiError>('PATCH', `/api/admin/grids/${ids.grid}`, { version: 3, name: 'x' });
    expect(again.status).toBe(404);
  });

  it('stations: create, move with the version, stale 409, code clash 409, retire', async () => {
    const created = await call<Station>('POST', '/api/admin/stations', { code: 'ST01', name: '新街口平安站', kind: 'safety_station', lat: 32.04, lon: 118.78 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'ST01', version: 1, retiredAt: null, standingCrew: null });
    expect(await lastAudit()).toMatchObject({ actor: 'user:admin', action: 'station.create', target: created.body.id });
    expect((await lastEvent()).stations.map((s) => s.code)).toEqual(['ST01']);
    expect(t.app.core.picture.stations.find((s) => s.id === created.body.id)?.name).toBe('新街口平安站');

    const moved = await call<Station>('PATCH', `/api/admin/stations/${created.body.id}`, { version: 1, lat: 32.041, lon: 118.781 });
    expect(moved.body).toMatchObject({ lat: 32.041, lon: 118.781, version: 2 });
    expect(await lastAudit()).toMatchObject({ action: 'station.update', data: { fields: ['lat', 'lon'] } });
    expect(t.app.core.picture.stations.find((s) => s.id === created.body.id)).toMatchObject({ lat: 32.041, lon: 118.781 });

    const stale = await call<ApiError>('PATCH', `/api/admin/stations/${created.body.id}`, { version: 1, name: 'x' });
    expect([stale.status, stale.body.field]).toEqual([409, 'version']);

    const other = await call<Station>('POST', '/api/admin/stations', { code: 'ST02', name: '消防站', kind: 'fire', lat: 32.035, lon: 118.775 });
    const clash = await call<ApiError>('PATCH', `/api/admin/stations/${other.body.id}`, { version: 1, code: 'ST01' });
    expect([clash.status, clash.body.field]).toEqual([409, 'code']);
    const badKind = await call<ApiError>('POST', '/api/admin/stations', { code: 'ST03', name: 'x', kind: 'castle', lat: 32.03, lon: 118.77 });
    expect([badKind.status, badKind.body.field]).toEqual([400, 'kind']);

    const retired = await call<Station>('POST', `/api/admin/stations/${created.body.id}/retire`, { version: 2 });
    expect(retired.status).toBe(200);
    expect(await lastAudit()).toMatchObject({ action: 'station.retire', target: created.body.id });
    expect(t.app.core.picture.stations.map((s) => s.code)).toEqual(['ST02']);
  });
});
