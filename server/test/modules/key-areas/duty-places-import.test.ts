import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geographyLayerOf, type GeographyExport, type ImportReport } from '@lianfang/shared';
import { api, type TestApp } from '../../helpers/test-app.js';
import { startOn, type Driver } from '../analytics/analytics-client.js';
import { BOW_TIE, GRID_RING, box, collection } from '../geography/geo-fixtures.js';
import type { Ring } from '@lianfang/shared';

const keyAreaFeature = (code: string, name: string, ring: Ring, extra: object = {}) => ({
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: [ring] },
  properties: { code, name, fromHhmm: '08:00', toHhmm: '20:00', visitEveryMinutes: 30, ...extra },
});
const postFeature = (code: string, name: string, unitCallsign: string, lon: number, lat: number, extra: object = {}) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { code, name, unitCallsign, fromHhmm: '20:00', toHhmm: '06:00', ...extra },
});

/**
 * Key areas and fixed posts from GeoJSON (issue 19), as the grids' import: dry run, one
 * transaction, idempotent by code, broken geometry and unknown callsigns refused naming the
 * feature's field, and an export that re-imports to the same state on another server.
 */
describe.each(['pglite', 'postgres'] as const satisfies readonly Driver[])('the key area and post import on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startOn(driver);
    await api(t.app, t.adminToken, 'POST', '/api/units', { callsign: '巡01', force: 'police', mode: 'foot' });
  });
  afterAll(async () => t?.close());

  const send = async (app: TestApp, kind: 'keyareas' | 'posts' | 'grids' | 'stations', body: object, dryRun = false) =>
    (await api<ImportReport>(app.app, app.adminToken, 'POST', `/api/admin/import/${kind}?dryRun=${dryRun}`, body)).body;
  const count = async (table: string) => (await t.app.core.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const events = async (type: string) => (await t.app.core.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE type = $1`, [type]))[0]!.n;

  const AREAS = collection([keyAreaFeature('KA01', '新街口地铁站', GRID_RING), keyAreaFeature('KA02', '德基广场', box(118.777, 32.037, 118.779, 32.039))]);
  const POSTS = collection([postFeature('P01', '东门岗', '巡01', 118.775, 32.035, { radiusM: 80 }), postFeature('P02', '西门岗', '巡01', 118.772, 32.035)]);

  it('key areas: a dry run reports and writes nothing; the import writes, audits and publishes each; again is unchanged', async () => {
    const dry = await send(t, 'keyareas', AREAS, true);
    expect(dry).toMatchObject({ kind: 'keyareas', dryRun: true, applied: false, counts: { create: 2, update: 0, unchanged: 0, reject: 0 } });
    expect(await count('key_areas')).toBe(0);

    expect(await send(t, 'keyareas', AREAS)).toMatchObject({ applied: true, counts: { create: 2 } });
    const rows = await t.app.core.db.query<{ code: string; every_minutes: number; from_hhmm: string; version: number }>(
      'SELECT code, every_minutes, from_hhmm, version FROM key_areas ORDER BY code',
    );
    expect(rows).toEqual([
      { code: 'KA01', every_minutes: 30, from_hhmm: '08:00', version: 1 },
      { code: 'KA02', every_minutes: 30, from_hhmm: '08:00', version: 1 },
    ]);
    const audit = await t.app.core.db.query<{ actor: string; action: string; data: { code: string; import: boolean } }>(
      `SELECT actor, action, data FROM audit_log WHERE action LIKE 'key_area.%' ORDER BY id`,
    );
    expect(audit.map((a) => [a.actor, a.action, a.data.code, a.data.import])).toEqual([
      ['user:admin', 'key_area.create', 'KA01', true],
      ['user:admin', 'key_area.create', 'KA02', true],
    ]);
    expect(await events('key_area.updated')).toBe(2);
    expect([...t.app.core.picture.keyAreas.values()].map((a) => a.code).sort()).toEqual(['KA01', 'KA02']);

    expect(await send(t, 'keyareas', AREAS)).toMatchObject({ applied: false, counts: { unchanged: 2 } });
    expect(await events('key_area.updated')).toBe(2);

    const changed = await send(t, 'keyareas', collection([keyAreaFeature('KA01', '新街口地铁站', GRID_RING, { visitEveryMinutes: 15 })]));
    expect(changed).toMatchObject({ applied: true, counts: { update: 1 } });
    expect(
      (await t.app.core.db.query<{ every_minutes: number; version: number }>(`SELECT every_minutes, version FROM key_areas WHERE code = 'KA01'`))[0],
    ).toEqual({
      every_minutes: 15,
      version: 2,
    });
  });

  it.each([
    { what: 'a self-intersecting polygon', feature: keyAreaFeature('KA09', 'x', BOW_TIE), field: 'geometry.coordinates', code: 'ring_self_intersects' },
    { what: 'hours not HH:MM', feature: keyAreaFeature('KA09', 'x', GRID_RING, { toHhmm: '25:00' }), field: 'properties.toHhmm', code: 'invalid' },
    {
      what: 'an interval of 0',
      feature: keyAreaFeature('KA09', 'x', GRID_RING, { visitEveryMinutes: 0 }),
      field: 'properties.visitEveryMinutes',
      code: 'invalid',
    },
    { what: 'a Point', feature: postFeature('KA09', 'x', '巡01', 118.77, 32.03), field: 'geometry.type', code: undefined },
  ])('key areas: refuses $what naming $field, and applies nothing of the file', async ({ feature, field, code }) => {
    const before = await count('key_areas');
    const good = keyAreaFeature('KA08', '好的', box(118.771, 32.031, 118.772, 32.032));
    const report = await send(t, 'keyareas', collection([good, feature]));
    expect(report).toMatchObject({ applied: false, counts: { create: 1, reject: 1 } });
    expect(report.rows[1]!.action).toBe('reject');
    const problem = report.rows[1]!.problems.find((p) => p.field === field);
    expect(problem).toBeDefined();
    if (code) expect(problem!.code).toBe(code);
    expect(await count('key_areas')).toBe(before);
  });

  it('posts: dry run, import (audited, published, on the picture), idempotent; unknown callsigns and codes twice refused', async () => {
    expect(await send(t, 'posts', POSTS, true)).toMatchObject({ kind: 'posts', applied: false, counts: { create: 2 } });
    expect(await count('patrol_plans')).toBe(0);
    expect(await send(t, 'posts', POSTS)).toMatchObject({ applied: true, counts: { create: 2 } });
    const plans = [...t.app.core.picture.patrolPlans.values()].sort((a, b) => a.code!.localeCompare(b.code!));
    expect(plans.map((p) => [p.code, p.kind, p.from, p.to, p.post])).toEqual([
      ['P01', 'post', '20:00', '06:00', { lat: 32.035, lon: 118.775, radiusM: 80 }],
      ['P02', 'post', '20:00', '06:00', { lat: 32.035, lon: 118.772, radiusM: 50 }],
    ]);
    expect(await events('patrol_plan.updated')).toBe(2);
    expect((await t.app.core.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'patrol_plan.create'`))[0]!.n).toBe(2);
    expect(await send(t, 'posts', POSTS)).toMatchObject({ applied: false, counts: { unchanged: 2 } });

    const bad = await send(
      t,
      'posts',
      collection([
        postFeature('P03', 'x', '无此呼号', 118.77, 32.03),
        postFeature('P01', 'a', '巡01', 118.77, 32.03),
        postFeature('P01', 'b', '巡01', 118.77, 32.03),
      ]),
    );
    expect(bad).toMatchObject({ applied: false, counts: { update: 1, reject: 2 } });
    expect(bad.rows[0]).toMatchObject({
      action: 'reject',
      problems: [{ field: 'properties.unitCallsign', code: 'unknown_callsign', params: { value: '无此呼号', row: 1 } }],
    });
    expect(bad.rows[2]).toMatchObject({ action: 'reject', problems: [{ field: 'properties.code', code: 'twice_in_file' }] });
    expect(await count('patrol_plans')).toBe(2);
  });

  it('the export holds key areas and posts, and re-imports layer by layer to the same state on a fresh server', async () => {
    const exported = (await api<GeographyExport>(t.app, t.adminToken, 'GET', '/api/admin/export/geography')).body;
    expect(exported.features.map((f) => [geographyLayerOf(f), f.properties.code])).toEqual([
      ['keyareas', 'KA01'],
      ['keyareas', 'KA02'],
      ['posts', 'P01'],
      ['posts', 'P02'],
    ]);
    expect(exported.features[2]!.properties).toEqual({ code: 'P01', name: '东门岗', unitCallsign: '巡01', fromHhmm: '20:00', toHhmm: '06:00', radiusM: 80 });

    const fresh = await startOn(driver);
    try {
      await api(fresh.app, fresh.adminToken, 'POST', '/api/units', { callsign: '巡01', force: 'police', mode: 'foot' });
      for (const layer of ['grids', 'stations', 'keyareas', 'posts'] as const) {
        const features = exported.features.filter((f) => geographyLayerOf(f) === layer);
        if (features.length > 0) expect(await send(fresh, layer, collection(features))).toMatchObject({ applied: true, counts: { reject: 0 } });
      }
      const back = (await api<GeographyExport>(fresh.app, fresh.adminToken, 'GET', '/api/admin/export/geography')).body;
      expect(back).toEqual(exported);
    } finally {
      await fresh.close();
    }
  });
});
