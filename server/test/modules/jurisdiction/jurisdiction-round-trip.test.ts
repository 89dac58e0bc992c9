import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, JurisdictionImportReport, JurisdictionManifest } from '@lianfang/shared';
import { api, login, type TestApp } from '../../helpers/test-app.js';
import { startOn, type Driver } from '../analytics/analytics-client.js';
import { COMMUNITY_RING, GRID_RING, STREET_RING, collection, gridFeature, stationFeature } from '../geography/geo-fixtures.js';

/**
 * The whole jurisdiction as one zip: exported from one server, imported into a fresh one (dry run
 * first, then in one transaction), exported again: the same files apart from the export's time.
 * A refused row anywhere leaves the fresh server untouched.
 */
describe.each(['pglite', 'postgres'] as const satisfies readonly Driver[])('the jurisdiction file set on %s', (driver) => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    [a, b] = await Promise.all([startOn(driver), startOn(driver)]);
    const call = async (method: 'POST', url: string, body: object) => {
      const res = await api<ImportReport>(a.app, a.adminToken, method, url, body);
      // the state to export is built through the API: every step must have been written
      if (res.status >= 300 || (res.body.counts && !res.body.applied)) throw new Error(`${url}: ${JSON.stringify(res.body)}`);
    };
    await call('POST', '/api/teams', { name: '机动巡逻队', force: 'police' });
    await call('POST', '/api/teams', { name: '平安保安公司', force: 'security' });
    await call(
      'POST',
      '/api/admin/import/grids',
      collection([
        gridFeature('S01', '新街口街道', 'street', null, STREET_RING, { leader: '林主任', phone: '025-1000' }),
        gridFeature('C01', '丰富路社区', 'community', 'S01', COMMUNITY_RING),
        gridFeature('G01', '一网格', 'grid', 'C01', GRID_RING),
      ]),
    );
    await call('POST', '/api/admin/import/stations', collection([stationFeature('P01', '新街口派出所', 'police_post', 118.78, 32.04)]));
    await call('POST', '/api/admin/import/units', {
      units: [
        { callsign: '巡警01', force: 'police', mode: 'car', team: '机动巡逻队', trackerId: 'phone-0001', station: 'P01' },
        { callsign: '保安01', force: 'security', mode: 'foot', team: '平安保安公司' },
      ],
    });
    // a key area inside the grid, and a fixed post for 巡警01 (posts name their unit: imported after units)
    await call('POST', '/api/admin/import/keyareas', {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: [GRID_RING] },
          properties: { code: 'KA1', name: '地铁出口', fromHhmm: '07:00', toHhmm: '23:00', visitEveryMinutes: 45 },
        },
      ],
    });
    await call('POST', '/api/admin/import/posts', {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [118.7805, 32.0405] },
          properties: { code: 'POST1', name: '路口岗', unitCallsign: '巡警01', fromHhmm: '08:00', toHhmm: '20:00' },
        },
      ],
    });
    await call('POST', '/api/admin/import/users', {
      users: [
        { username: 'zhangwei', displayName: '张伟', role: 'captain', team: '机动巡逻队', unit: '巡警01' },
        { username: 'lina', displayName: '李娜, "夜班"', role: 'operator', disabled: true },
      ],
    });
    await call('POST', '/api/admin/import/devices', {
      devices: [
        { name: '超市一键报警', kind: 'alert_gateway', lat: 32.041, lon: 118.781 },
        { name: '巡警01终端', kind: 'tracker', unit: '巡警01' },
        // starts like a formula: exported as '+… for Excel, read back without the quote
        { name: '+前台按钮', kind: 'alert_gateway', lat: 32.035, lon: 118.775 },
      ],
    });
  });
  afterAll(async () => Promise.all([a?.close(), b?.close()]));

  const exportOf = async (t: TestApp) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/export/jurisdiction', headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    return res.rawPayload;
  };
  // ignoreBOM: keep the byte order mark in the text, to see that the CSVs have it (Excel needs it)
  const text = new TextDecoder('utf-8', { ignoreBOM: true });
  const filesOf = (zip: Uint8Array) => Object.fromEntries(Object.entries(unzipSync(zip)).map(([name, bytes]) => [name, text.decode(bytes)]));
  const importInto = async (t: TestApp, zip: Uint8Array, dryRun: boolean, contentType = 'application/zip') => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/admin/import/jurisdiction?dryRun=${dryRun}`,
      headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': contentType },
      payload: Buffer.from(zip),
    });
    return { status: res.statusCode, body: res.json() as JurisdictionImportReport & { message?: string; field?: string } };
  };
  const countsOf = (r: JurisdictionImportReport) => Object.fromEntries(r.reports.map((p) => [p.kind, p.counts]));

  it('exports every file with a manifest, and no password or device key', async () => {
    const files = filesOf(await exportOf(a));
    expect(Object.keys(files).sort()).toEqual([
      'devices.csv',
      'grids.geojson',
      'keyareas.geojson',
      'manifest.json',
      'posts.geojson',
      'stations.geojson',
      'teams.csv',
      'units.csv',
      'users.csv',
    ]);
    const manifest = JSON.parse(files['manifest.json']!) as JurisdictionManifest;
    expect(manifest).toMatchObject({
      format: 'lianfang-jurisdiction',
      version: 1,
      counts: { teams: 2, grids: 3, stations: 1, keyareas: 1, units: 2, posts: 1, users: 3, devices: 3 },
    });
    expect(files['teams.csv']).toBe('\uFEFFname,force\r\n平安保安公司,security\r\n机动巡逻队,police\r\n');
    expect(files['users.csv']).toBe(
      '\uFEFFusername,displayName,role,team,unit,disabled\r\nadmin,,admin,,,false\r\nlina,"李娜, ""夜班""",operator,,,true\r\nzhangwei,张伟,captain,机动巡逻队,巡警01,false\r\n',
    );
    expect(files['devices.csv']).toBe(
      "\uFEFFname,kind,unit,lat,lon\r\n'+前台按钮,alert_gateway,,32.035,118.775\r\n巡警01终端,tracker,巡警01,,\r\n超市一键报警,alert_gateway,,32.041,118.781\r\n",
    );
    expect(files['units.csv']).toBe(
      '\uFEFFcallsign,force,mode,team,trackerId,station\r\n保安01,security,foot,平安保安公司,,\r\n巡警01,police,car,机动巡逻队,phone-0001,P01\r\n',
    );
    const everything = Object.values(files).join('\n');
    expect(everything).not.toMatch(/lfd_|\$argon2/);
  });

  it('a refused row anywhere leaves the fresh server untouched', async () => {
    const files = unzipSync(await exportOf(a));
    files['users.csv'] = strToU8('username,role,team\r\nadmin,admin,\r\nzhou,operator,无此队伍\r\n');
    const report = await importInto(b, zipSync(files), false);
    expect(report.status).toBe(200);
    expect(report.body.applied).toBe(false);
    const users = report.body.reports.find((r) => r.kind === 'users')!;
    expect(users.rows.find((r) => r.action === 'reject')).toMatchObject({ row: 3, key: 'zhou', problems: [{ field: 'team', code: 'unknown_team' }] });
    expect((await b.app.core.db.query<{ n: number }>('SELECT count(*)::int AS n FROM teams'))[0]!.n).toBe(0);
    expect((await b.app.core.db.query<{ n: number }>('SELECT count(*)::int AS n FROM grids'))[0]!.n).toBe(0);
  });

  it('imports into a fresh server (dry run first) and exports again to the same files', async () => {
    const zip = await exportOf(a);
    const dry = await importInto(b, zip, true);
    expect(dry.body).toMatchObject({ kind: 'jurisdiction', dryRun: true, applied: false });
    expect(countsOf(dry.body)).toEqual({
      teams: { create: 2, update: 0, unchanged: 0, reject: 0 },
      grids: { create: 3, update: 0, unchanged: 0, reject: 0 },
      stations: { create: 1, update: 0, unchanged: 0, reject: 0 },
      keyareas: { create: 1, update: 0, unchanged: 0, reject: 0 },
      units: { create: 2, update: 0, unchanged: 0, reject: 0 },
      posts: { create: 1, update: 0, unchanged: 0, reject: 0 },
      users: { create: 2, update: 0, unchanged: 1, reject: 0 },
      devices: { create: 3, update: 0, unchanged: 0, reject: 0 },
    });
    expect(dry.body.reports.some((r) => r.oneTimeSecrets)).toBe(false);
    expect((await b.app.core.db.query<{ n: number }>('SELECT count(*)::int AS n FROM units'))[0]!.n).toBe(0);

    const done = await importInto(b, zip, false);
    expect(done.body.applied).toBe(true);
    const secrets = Object.fromEntries(done.body.reports.map((r) => [r.kind, (r.oneTimeSecrets ?? []).map((s) => s.key)]));
    expect(secrets).toEqual({
      teams: [],
      grids: [],
      stations: [],
      keyareas: [],
      units: [],
      posts: [],
      users: ['lina', 'zhangwei'],
      devices: ['+前台按钮', '巡警01终端', '超市一键报警'],
    });
    const zhang = done.body.reports.find((r) => r.kind === 'users')!.oneTimeSecrets!.find((s) => s.key === 'zhangwei')!;
    expect(await login(b.app, 'zhangwei', zhang.secret)).toBeTruthy();

    const before = filesOf(zip);
    const after = filesOf(await exportOf(b));
    const withoutTime = (files: Record<string, string>) => ({ ...files, 'manifest.json': { ...JSON.parse(files['manifest.json']!), exportedAt: null } });
    expect(withoutTime(after)).toEqual(withoutTime(before));
    // the walls of the new server show the units at once
    const units = (await api<{ callsign: string }[]>(b.app, b.adminToken, 'GET', '/api/units')).body;
    expect(units.map((u) => u.callsign).sort()).toEqual(['保安01', '巡警01']);

    const again = await importInto(b, zip, false);
    expect(again.body.applied).toBe(false);
    expect(again.body.reports.every((r) => r.counts.create + r.counts.update + r.counts.reject === 0)).toBe(true);
  });

  it('a file that is not a jurisdiction zip is a 400 naming it', async () => {
    const notZip = await importInto(b, strToU8('name,force\n'), false);
    expect([notZip.status, notZip.body.field]).toEqual([400, 'file']);
    const noManifest = await importInto(b, zipSync({ 'teams.csv': strToU8('name,force\n甲,police\n') }), false);
    expect([noManifest.status, noManifest.body.field]).toEqual([400, 'manifest.json']);
    const files = unzipSync(await exportOf(a));
    files['grids.geojson'] = strToU8('{"type":"Feature"}');
    const badGeo = await importInto(b, zipSync(files), true);
    expect([badGeo.status, badGeo.body.field]).toEqual([400, 'grids.geojson']);
  });
});
