import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, Unit } from '@lianfang/shared';
import { api, type TestApp } from '../../helpers/test-app.js';
import { startOn, type Driver } from '../analytics/analytics-client.js';

/**
 * The roster from a district's spreadsheet: created and updated by callsign through the API,
 * all or nothing, audited per unit with its actor, and on the live picture (what every wall shows)
 * as soon as the import answers.
 */
describe.each(['pglite', 'postgres'] as const satisfies readonly Driver[])('the roster import on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startOn(driver);
    await t.app.core.db.query(`INSERT INTO teams (id, name, force) VALUES ('team-a', '机动巡逻队', 'police'), ('team-b', '平安保安公司', 'security')`);
    await t.app.core.picture.geography.load(t.app.core.db);
  });
  afterAll(async () => t?.close());

  const sendSheet = async (text: string, dryRun = false, encoding = 'gb18030') => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/admin/import/units?dryRun=${dryRun}`,
      headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'text/csv' },
      payload: iconv.encode(text, encoding),
    });
    return { status: res.statusCode, body: res.json() as ImportReport };
  };
  const unitCount = async () => (await t.app.core.db.query<{ n: number }>('SELECT count(*)::int AS n FROM units'))[0]!.n;
  const live = async () => (await api<Unit[]>(t.app, t.adminToken, 'GET', '/api/units')).body;

  const ROSTER = [
    '呼号,力量类别,巡逻方式,队伍,终端标识',
    '巡警01,police,car,机动巡逻队,phone-0001',
    '巡警02,police,moto,机动巡逻队,',
    '保安01,security,foot,平安保安公司,',
  ].join('\r\n');

  it('a dry run reports and writes nothing; the import creates every unit, audited, on the live picture', async () => {
    const dry = await sendSheet(ROSTER, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      kind: 'units',
      dryRun: true,
      applied: false,
      encoding: 'gb18030',
      counts: { create: 3, update: 0, unchanged: 0, reject: 0 },
    });
    expect(await unitCount()).toBe(0);

    const applied = await sendSheet(ROSTER);
    expect(applied.body).toMatchObject({ applied: true, counts: { create: 3 } });
    expect(applied.body.rows.map((r) => [r.row, r.key, r.action])).toEqual([
      [2, '巡警01', 'create'],
      [3, '巡警02', 'create'],
      [4, '保安01', 'create'],
    ]);
    const units = await t.app.core.db.query<{ callsign: string; force: string; mode: string; team_id: string | null; tracker_id: string | null }>(
      'SELECT callsign, force, mode, team_id, tracker_id FROM units ORDER BY callsign',
    );
    expect(units).toEqual([
      { callsign: '保安01', force: 'security', mode: 'foot', team_id: 'team-b', tracker_id: null },
      { callsign: '巡警01', force: 'police', mode: 'car', team_id: 'team-a', tracker_id: 'phone-0001' },
      { callsign: '巡警02', force: 'police', mode: 'moto', team_id: 'team-a', tracker_id: null },
    ]);
    const audit = await t.app.core.db.query<{ actor: string; action: string; data: { callsign: string } }>(
      `SELECT actor, action, data FROM audit_log WHERE action LIKE 'unit.%' ORDER BY id`,
    );
    expect(audit.map((a) => [a.actor, a.action, a.data.callsign])).toEqual([
      ['user:admin', 'unit.create', '巡警01'],
      ['user:admin', 'unit.create', '巡警02'],
      ['user:admin', 'unit.create', '保安01'],
    ]);
    // the audit never holds a tracker id
    expect(JSON.stringify(audit)).not.toContain('phone-0001');
    expect((await live()).map((u) => u.callsign).sort()).toEqual(['保安01', '巡警01', '巡警02']);
  });

  it('the same file again changes nothing; a changed row updates that unit only', async () => {
    expect((await sendSheet(ROSTER)).body).toMatchObject({ applied: false, counts: { create: 0, update: 0, unchanged: 3, reject: 0 } });
    // English headers in another order, UTF-8, no team or tracker column: 巡警02 moves to foot patrol
    const changed = await sendSheet(['mode,callsign,force', 'car,巡警01,police', 'foot,巡警02,police'].join('\n'), false, 'utf8');
    expect(changed.body).toMatchObject({ applied: true, encoding: 'utf-8', counts: { update: 1, unchanged: 1 } });
    expect(changed.body.rows.map((r) => [r.key, r.action])).toEqual([
      ['巡警01', 'unchanged'],
      ['巡警02', 'update'],
    ]);
    // what the file leaves empty the unit keeps: its team, its tracker
    const [a, b] = await t.app.core.db.query<{ mode: string; team_id: string | null; tracker_id: string | null }>(
      `SELECT mode, team_id, tracker_id FROM units WHERE callsign IN ('巡警01', '巡警02') ORDER BY callsign`,
    );
    expect(a).toEqual({ mode: 'car', team_id: 'team-a', tracker_id: 'phone-0001' });
    expect(b).toEqual({ mode: 'foot', team_id: 'team-a', tracker_id: null });
    const [update] = await t.app.core.db.query<{ data: { fields: string[] } }>(`SELECT data FROM audit_log WHERE action = 'unit.update'`);
    expect(update!.data.fields).toEqual(['mode']);
    expect((await live()).find((u) => u.callsign === '巡警02')).toMatchObject({ mode: 'foot', teamId: 'team-a' });
  });

  it('a file with mistakes: each named with its row and column, nothing written', async () => {
    const before = await unitCount();
    const report = await sendSheet(
      [
        '呼号,力量类别,巡逻方式,队伍,终端标识',
        '巡警09,police,car,不存在的队,',
        '保安09,security,foot,,phone-0001',
        '巡警09,police,car,,',
        '城管09,chengguan,bike,,',
        '消防09,fire,car,,',
      ].join('\r\n'),
    );
    expect(report.body.applied).toBe(false);
    expect(report.body.rows).toEqual([
      {
        row: 2,
        key: '巡警09',
        action: 'reject',
        problems: [{ field: 'team', message: 'no team named 不存在的队', code: 'unknown_team', params: { value: '不存在的队', row: 2 } }],
      },
      {
        row: 3,
        key: '保安09',
        action: 'reject',
        problems: [{ field: 'trackerId', message: 'is already the tracker of 巡警01', code: 'tracker_in_use', params: { value: '巡警01', row: 3 } }],
      },
      {
        row: 4,
        key: '巡警09',
        action: 'reject',
        problems: [{ field: 'callsign', message: 'appears twice in this file', code: 'twice_in_file', params: { value: '巡警09', row: 4 } }],
      },
      {
        row: 5,
        key: '城管09',
        action: 'reject',
        problems: [expect.objectContaining({ field: 'force', code: 'one_of', params: expect.objectContaining({ row: 5 }) })],
      },
      { row: 6, key: '消防09', action: 'create', problems: [] },
    ]);
    expect(report.body.counts).toEqual({ create: 1, update: 0, unchanged: 0, reject: 4 });
    expect(await unitCount()).toBe(before);
  });

  it('a header without a required column refuses the file; JSON is read the same way', async () => {
    const noMode = await sendSheet('呼号,力量类别\r\n巡警10,police');
    expect(noMode.body.rows).toEqual([
      { row: 1, key: null, action: 'reject', problems: [{ field: 'mode', message: 'column is missing', code: 'missing_column' }] },
    ]);
    const json = await api<ImportReport>(t.app, t.adminToken, 'POST', '/api/admin/import/units?dryRun=true', {
      units: [{ callsign: '志愿10', force: 'volunteer', mode: 'bike', team: 'team-b' }],
    });
    expect(json.body).toMatchObject({ counts: { create: 1 }, rows: [{ row: 1, key: '志愿10', action: 'create' }] });
    const broken = await api<{ field: string }>(t.app, t.adminToken, 'POST', '/api/admin/import/units', { roster: [] });
    expect(broken.status).toBe(400);
  });

  it('a station code bases the unit there; an unknown code is refused; an update moves the version on', async () => {
    await t.app.core.db.query(`INSERT INTO stations (id, code, name, kind, lat, lon) VALUES ('st-1', 'P01', '新街口警务站', 'police_post', 32.04, 118.78)`);
    const [before] = await t.app.core.db.query<{ version: number }>(`SELECT version FROM units WHERE callsign = '巡警01'`);
    const unknown = await sendSheet('呼号,力量类别,巡逻方式,驻地站点\r\n巡警01,police,car,P99\r\n');
    expect(unknown.body.rows[0]!.problems).toEqual([
      { field: 'station', message: 'no station with code P99', code: 'unknown_station', params: { value: 'P99', row: 2 } },
    ]);
    const based = await sendSheet('呼号,力量类别,巡逻方式,驻地站点\r\n巡警01,police,car,P01\r\n');
    expect(based.body).toMatchObject({ applied: true, counts: { update: 1 } });
    const [after] = await t.app.core.db.query<{ station_id: string; version: number }>(`SELECT station_id, version FROM units WHERE callsign = '巡警01'`);
    expect(after).toEqual({ station_id: 'st-1', version: before!.version + 1 });
    // a console edit made on the version before the import is refused, not silently overwritten
    const id = (await t.app.core.db.query<{ id: string }>(`SELECT id FROM units WHERE callsign = '巡警01'`))[0]!.id;
    const stale = await api(t.app, t.adminToken, 'PATCH', `/api/units/${id}`, { version: before!.version, mode: 'foot' });
    expect(stale.status).toBe(409);
  });

  it('only an administrator imports', async () => {
    await api(t.app, t.adminToken, 'POST', '/api/users', { username: 'op-import', password: 'operator-pass-1', role: 'operator' });
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'op-import', password: 'operator-pass-1' } });
    const token = (login.json() as { token: string }).token;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/import/units',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      payload: ROSTER,
    });
    expect(res.statusCode).toBe(403);
  });
});
