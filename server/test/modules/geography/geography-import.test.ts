import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geographyLayerOf, type GeographyExport, type ImportReport } from '@lianfang/shared';
import { api, type TestApp } from '../../helpers/test-app.js';
import { startOn, type Driver } from '../analytics/analytics-client.js';
import { BOW_TIE, COMMUNITY_RING, GRID_RING, OUTSIDE_RING, STREET_RING, box, collection, gridFeature, stationFeature } from './geo-fixtures.js';

/**
 * A district's geography from GeoJSON (issue 19): dry run, one transaction, idempotent by code,
 * parents in the same file (any order), refusals naming the feature's field, and an export that
 * re-imports to the same state on another server.
 */
describe.each(['pglite', 'postgres'] as const satisfies readonly Driver[])('the geography import on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startOn(driver);
  });
  afterAll(async () => t?.close());

  const send = async (app: TestApp, kind: 'grids' | 'stations', body: object, dryRun = false) =>
    (await api<ImportReport>(app.app, app.adminToken, 'POST', `/api/admin/import/${kind}?dryRun=${dryRun}`, body)).body;
  const count = async (table: string) => (await t.app.core.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  const geoEvents = async () => (await t.app.core.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE type = 'geography.changed'`))[0]!.n;

  // Children before their parents on purpose: the import sorts by level.
  const GRIDS = collection([
    gridFeature('G01', '一网格', 'grid', 'C01', GRID_RING, { leader: '王网格长', phone: '138-0001' }),
    gridFeature('C01', '丰富路社区', 'community', 'S01', COMMUNITY_RING),
    gridFeature('S01', '新街口街道', 'street', null, STREET_RING, { leader: '林主任', phone: '025-1000' }),
  ]);
  const STATIONS = collection([
    stationFeature('ST01', '新街口平安站', 'safety_station', 118.78, 32.04),
    stationFeature('F01', '消防站', 'fire', 118.775, 32.035),
  ]);

  it('a dry run reports row by row and writes nothing', async () => {
    const report = await send(t, 'grids', GRIDS, true);
    expect(report).toMatchObject({ kind: 'grids', dryRun: true, applied: false, counts: { create: 3, update: 0, unchanged: 0, reject: 0 } });
    expect(report.rows.map((r) => [r.row, r.key, r.action])).toEqual([
      [1, 'G01', 'create'],
      [2, 'C01', 'create'],
      [3, 'S01', 'create'],
    ]);
    expect(await count('grids')).toBe(0);
    expect(await geoEvents()).toBe(0);
  });

  it('imports parents and children in one go: audited per grid, one event, on the live picture', async () => {
    const report = await send(t, 'grids', GRIDS);
    expect(report).toMatchObject({ applied: true, counts: { create: 3 } });
    const rows = await t.app.core.db.query<{ code: string; level: string; parent: string | null; leader: string | null; version: number }>(
      `SELECT g.code, g.level, p.code AS parent, g.leader, g.version FROM grids g LEFT JOIN grids p ON p.id = g.parent_id ORDER BY g.code`,
    );
    expect(rows).toEqual([
      { code: 'C01', level: 'community', parent: 'S01', leader: null, version: 1 },
      { code: 'G01', level: 'grid', parent: 'C01', leader: '王网格长', version: 1 },
      { code: 'S01', level: 'street', parent: null, leader: '林主任', version: 1 },
    ]);
    const audit = await t.app.core.db.query<{ actor: string; action: string; data: { code: string } }>(
      `SELECT actor, action, data FROM audit_log WHERE action LIKE 'grid.%' ORDER BY id`,
    );
    expect(audit.map((a) => [a.actor, a.action, a.data.code])).toEqual([
      ['user:admin', 'grid.create', 'S01'],
      ['user:admin', 'grid.create', 'C01'],
      ['user:admin', 'grid.create', 'G01'],
    ]);
    expect(await geoEvents()).toBe(1);
    expect(t.app.core.picture.grids.map((g) => g.code).sort()).toEqual(['C01', 'G01', 'S01']);
  });

  it('the same file again is unchanged everywhere and publishes nothing; a changed name is one update', async () => {
    const again = await send(t, 'grids', GRIDS);
    expect(again).toMatchObject({ applied: false, counts: { create: 0, update: 0, unchanged: 3, reject: 0 } });
    expect(await geoEvents()).toBe(1);

    const renamed = collection([gridFeature('C01', '丰富路社区（新）', 'community', 'S01', COMMUNITY_RING)]);
    const report = await send(t, 'grids', renamed);
    expect(report).toMatchObject({ applied: true, counts: { update: 1 } });
    expect((await t.app.core.db.query<{ name: string; version: number }>(`SELECT name, version FROM grids WHERE code = 'C01'`))[0]).toEqual({
      name: '丰富路社区（新）',
      version: 2,
    });
    expect(t.app.core.picture.grids.find((g) => g.code === 'C01')?.name).toBe('丰富路社区（新）');
  });

  it.each([
    {
      what: 'a grid outside its parent',
      feature: gridFeature('G02', '二网格', 'grid', 'C01', OUTSIDE_RING),
      field: 'geometry.coordinates',
      code: 'outside_parent',
    },
    {
      what: 'a self-intersecting ring',
      feature: gridFeature('G03', '三网格', 'grid', 'C01', BOW_TIE),
      field: 'geometry.coordinates',
      code: 'ring_self_intersects',
    },
    { what: 'an unknown parent code', feature: gridFeature('G04', '四网格', 'grid', 'C99', GRID_RING), field: 'properties.parentCode', code: 'unknown_parent' },
    {
      what: 'a community under a community',
      feature: gridFeature('C02', '二社区', 'community', 'C01', GRID_RING),
      field: 'properties.parentCode',
      code: 'wrong_parent_level',
    },
    {
      what: 'a missing name',
      feature: { ...gridFeature('G05', 'x', 'grid', 'C01', GRID_RING), properties: { code: 'G05', level: 'grid', parentCode: 'C01' } },
      field: 'properties.name',
      code: 'required',
    },
  ])('refuses $what (naming $field) and applies nothing of the file', async ({ feature, field, code }) => {
    const good = gridFeature('G09', '九网格', 'grid', 'C01', box(118.777, 32.037, 118.779, 32.039));
    const before = await count('grids');
    const report = await send(t, 'grids', collection([good, feature]));
    expect(report).toMatchObject({ applied: false, counts: { create: 1, reject: 1 } });
    expect(report.rows[1]).toMatchObject({ row: 2, action: 'reject', problems: [{ field, code, params: { row: 2 } }] });
    expect(await count('grids')).toBe(before);
  });

  it('stations: created, then idempotent; a code twice in the file is refused', async () => {
    expect(await send(t, 'stations', STATIONS, true)).toMatchObject({ kind: 'stations', applied: false, counts: { create: 2 } });
    expect(await count('stations')).toBe(0);
    expect(await send(t, 'stations', STATIONS)).toMatchObject({ applied: true, counts: { create: 2 } });
    expect(await send(t, 'stations', STATIONS)).toMatchObject({ applied: false, counts: { unchanged: 2 } });
    expect(t.app.core.picture.stations.map((s) => s.code).sort()).toEqual(['F01', 'ST01']);
    const twice = await send(t, 'stations', collection([stationFeature('X1', 'a', 'fire', 118.77, 32.03), stationFeature('X1', 'b', 'fire', 118.77, 32.03)]));
    expect(twice.rows[1]).toMatchObject({ action: 'reject', problems: [{ field: 'properties.code', code: 'twice_in_file' }] });
  });

  it('the export re-imports to the same state on a fresh server', async () => {
    const exported = (await api<GeographyExport>(t.app, t.adminToken, 'GET', '/api/admin/export/geography')).body;
    expect(exported.features.map((f) => f.properties.code)).toEqual(['S01', 'C01', 'G01', 'F01', 'ST01']);
    expect(exported.features[2]!.properties).toEqual({ code: 'G01', name: '一网格', level: 'grid', parentCode: 'C01', leader: '王网格长', phone: '138-0001' });

    const fresh = await startOn(driver);
    try {
      const grids = exported.features.filter((f) => geographyLayerOf(f) === 'grids');
      const stations = exported.features.filter((f) => geographyLayerOf(f) === 'stations');
      expect(await send(fresh, 'grids', collection(grids))).toMatchObject({ applied: true, counts: { create: 3, reject: 0 } });
      expect(await send(fresh, 'stations', collection(stations))).toMatchObject({ applied: true, counts: { create: 2, reject: 0 } });
      const back = (await api<GeographyExport>(fresh.app, fresh.adminToken, 'GET', '/api/admin/export/geography')).body;
      expect(back).toEqual(exported);
      // and importing the export into the server it came from changes nothing
      expect(await send(t, 'grids', collection(grids))).toMatchObject({ counts: { unchanged: 3 } });
    } finally {
      await fresh.close();
    }
  });
});
