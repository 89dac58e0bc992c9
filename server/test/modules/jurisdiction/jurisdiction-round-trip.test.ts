import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmergencyPlan, ImportReport, JurisdictionImportReport, JurisdictionManifest, PlanFileRow, TourFileRow } from '@lianfang/shared';
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
    // a guard tour for 保安01, a standing crew at P01 and the flood plan edited (its version 2), through the console's routes
    const send = async <T>(method: 'POST' | 'PUT', url: string, body: object) => {
      const res = await api<T>(a.app, a.adminToken, method, url, body);
      if (res.status >= 300) throw new Error(`${url}: ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const unitId = (await api<{ id: string; callsign: string }[]>(a.app, a.adminToken, 'GET', '/api/units')).body.find((u) => u.callsign === '保安01')!.id;
    await send('POST', '/api/admin/patrol-plans', {
      code: 'TOUR1',
      unitId,
      name: '夜间巡更',
      kind: 'tour',
      from: '22:00',
      to: '06:00',
      checkpoints: [
        { name: '东门', lat: 32.041, lon: 118.781, radiusM: 30 },
        { name: '仓库', lat: 32.0405, lon: 118.7795, radiusM: 25 },
      ],
    });
    const stationId = (await a.app.core.db.query<{ id: string }>("SELECT id FROM stations WHERE code = 'P01'"))[0]!.id;
    await send('PUT', `/api/stations/${stationId}/standing-crew`, { standingCrew: { force: 'police', mode: 'car' } });
    const flood = (await api<EmergencyPlan[]>(a.app, a.adminToken, 'GET', '/api/admin/plans')).body.find((p) => p.id === 'flood')!;
    const { id: _id, version, retired: _retired, updatedAt: _at, updatedBy: _by, ...content } = flood;
    const edited = await send<EmergencyPlan>('PUT', '/api/admin/plans/flood', {
      ...content,
      version,
      tasks: [...content.tasks, { title: '清点转移群众', owner: '社区' }],
    });
    if (edited.version !== 2) throw new Error(`flood plan saved as version ${edited.version}`);
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
      'plans.json',
      'posts.geojson',
      'standing-crews.json',
      'stations.geojson',
      'teams.csv',
      'tours.json',
      'units.csv',
      'users.csv',
    ]);
    const manifest = JSON.parse(files['manifest.json']!) as JurisdictionManifest;
    expect(manifest).toMatchObject({
      format: 'lianfang-jurisdiction',
      version: 1,
      counts: { teams: 2, grids: 3, stations: 1, standingCrews: 1, keyareas: 1, units: 2, posts: 1, tours: 1, users: 3, devices: 3, plans: 3 },
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
    expect(JSON.parse(files['standing-crews.json']!)).toEqual([{ station: 'P01', standingCrew: { force: 'police', mode: 'car' } }]);
    expect(JSON.parse(files['tours.json']!) as TourFileRow[]).toEqual([
      {
        code: 'TOUR1',
        name: '夜间巡更',
        unitCallsign: '保安01',
        fromHhmm: '22:00',
        toHhmm: '06:00',
        checkpoints: [
          { name: '东门', lat: 32.041, lon: 118.781, radiusM: 30 },
          { name: '仓库', lat: 32.0405, lon: 118.7795, radiusM: 25 },
        ],
      },
    ]);
    const plans = JSON.parse(files['plans.json']!) as PlanFileRow[];
    expect(plans.map((p) => [p.id, p.retired])).toEqual([
      ['flood', false],
      ['hazmat', false],
      ['outbreak', false],
    ]);
    expect(plans[0]!.tasks.at(-1)).toEqual({ title: '清点转移群众', owner: '社区' });
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
      standingCrews: { create: 0, update: 1, unchanged: 0, reject: 0 },
      keyareas: { create: 1, update: 0, unchanged: 0, reject: 0 },
      units: { create: 2, update: 0, unchanged: 0, reject: 0 },
      posts: { create: 1, update: 0, unchanged: 0, reject: 0 },
      tours: { create: 1, update: 0, unchanged: 0, reject: 0 },
      users: { create: 2, update: 0, unchanged: 1, reject: 0 },
      devices: { create: 3, update: 0, unchanged: 0, reject: 0 },
      // the fresh server has the three default plans: the edited one gets a new version there
      plans: { create: 0, update: 1, unchanged: 2, reject: 0 },
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
      standingCrews: [],
      keyareas: [],
      units: [],
      posts: [],
      tours: [],
      users: ['lina', 'zhangwei'],
      devices: ['+前台按钮', '巡警01终端', '超市一键报警'],
      plans: [],
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

    // every change audited with its actor
    const audited = await b.app.core.db.query<{ action: string; actor: string; code: string | null }>(
      `SELECT action, actor, data->>'code' AS code FROM audit_log
        WHERE action IN ('patrol_plan.create', 'station.standing_crew', 'plan.update') ORDER BY action, data->>'code'`,
    );
    expect(audited).toEqual([
      { action: 'patrol_plan.create', actor: 'user:admin', code: 'POST1' },
      { action: 'patrol_plan.create', actor: 'user:admin', code: 'TOUR1' },
      { action: 'plan.update', actor: 'user:admin', code: null },
      { action: 'station.standing_crew', actor: 'user:admin', code: 'P01' },
    ]);

    // and published as the console publishes them, so open walls and coverage follow
    const published = await b.app.core.db.query<{ type: string; payload: Record<string, unknown> }>(
      "SELECT type, payload FROM events WHERE type IN ('patrol_plan.updated', 'emergency_plan.updated', 'geography.changed') ORDER BY seq",
    );
    const what = published.map(({ type, payload }) => {
      const p = payload as {
        patrolPlan?: { code: string };
        emergencyPlan?: { id: string; version: number };
        stations?: { code: string; standingCrew: unknown }[];
      };
      return [
        type,
        p.patrolPlan?.code ?? (p.emergencyPlan && `${p.emergencyPlan.id}@${p.emergencyPlan.version}`) ?? p.stations?.map((st) => [st.code, st.standingCrew]),
      ];
    });
    expect(what).toEqual(
      expect.arrayContaining([
        ['patrol_plan.updated', 'TOUR1'],
        ['emergency_plan.updated', 'flood@2'],
        ['geography.changed', [['P01', { force: 'police', mode: 'car' }]]],
      ]),
    );

    const again = await importInto(b, zip, false);
    expect(again.body.applied).toBe(false);
    expect(again.body.reports.every((r) => r.counts.create + r.counts.update + r.counts.reject === 0)).toBe(true);
    expect(countsOf(again.body)).toMatchObject({
      standingCrews: { unchanged: 1 },
      tours: { unchanged: 1 },
      plans: { unchanged: 3 },
    });
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
    files['grids.geojson'] = unzipSync(await exportOf(a))['grids.geojson']!;
    files['tours.json'] = strToU8('{"code":"T"}');
    const badTours = await importInto(b, zipSync(files), true);
    expect([badTours.status, badTours.body.field]).toEqual([400, 'tours.json']);
  });

  it('refuses a tour, a standing crew and a plan row by row, naming the field', async () => {
    const files = unzipSync(await exportOf(a));
    const tour = {
      code: 'T9',
      name: '巡更',
      unitCallsign: '保安01',
      fromHhmm: '08:00',
      toHhmm: '09:00',
      checkpoints: [{ name: '甲', lat: 32, lon: 118, radiusM: 1 }],
    };
    files['tours.json'] = strToU8(
      JSON.stringify([tour, { ...tour, code: 'T10', unitCallsign: '无此力量', checkpoints: [{ ...tour.checkpoints[0], radiusM: 20 }] }]),
    );
    files['standing-crews.json'] = strToU8(JSON.stringify([{ station: 'NOPE', standingCrew: null }]));
    const plans = JSON.parse(new TextDecoder().decode(files['plans.json'])) as PlanFileRow[];
    files['plans.json'] = strToU8(JSON.stringify([{ ...plans[0]!, tasks: [plans[0]!.tasks[0], plans[0]!.tasks[0]] }]));
    const report = await importInto(b, zipSync(files), true);
    expect(report.status).toBe(200);
    const rowsOf = (kind: string) => report.body.reports.find((r) => r.kind === kind)!.rows;
    expect(rowsOf('tours')).toMatchObject([
      { key: 'T9', action: 'reject', problems: [{ field: 'checkpoints[0].radiusM' }] },
      { key: 'T10', action: 'reject', problems: [{ field: 'unitCallsign', code: 'unknown_callsign', params: { value: '无此力量' } }] },
    ]);
    expect(rowsOf('standingCrews')[0]).toMatchObject({ key: 'NOPE', action: 'reject', problems: [{ field: 'station', code: 'unknown_station' }] });
    expect(rowsOf('plans')[0]).toMatchObject({ key: 'flood', action: 'reject', problems: [{ field: 'tasks.1.title', code: 'task_twice' }] });
  });
});
