import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminDevice, ImportReport } from '@lianfang/shared';
import { api, type TestApp } from '../../helpers/test-app.js';
import { startOn, type Driver } from '../analytics/analytics-client.js';

/**
 * Alert devices from a spreadsheet, keyed by name: a new device's key is in the report once and
 * raises alerts; a known device gets its row's unit or fixed position, its key untouched. All or
 * nothing, audited per device, published as `device.updated`.
 */
describe.each(['pglite', 'postgres'] as const satisfies readonly Driver[])('the device import on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startOn(driver);
    await api(t.app, t.adminToken, 'POST', '/api/units', { callsign: '巡警01', force: 'police', mode: 'car' });
    await api(t.app, t.adminToken, 'POST', '/api/units', { callsign: '巡警02', force: 'police', mode: 'foot' });
  });
  afterAll(async () => t?.close());

  const send = async (text: string, dryRun = false, encoding = 'gbk') => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/admin/import/devices?dryRun=${dryRun}`,
      headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'text/csv' },
      payload: iconv.encode(text, encoding),
    });
    return { status: res.statusCode, body: res.json() as ImportReport };
  };
  const devices = async () => (await api<AdminDevice[]>(t.app, t.adminToken, 'GET', '/api/admin/devices')).body;
  const unitId = async (callsign: string) => (await t.app.core.db.query<{ id: string }>('SELECT id FROM units WHERE callsign = $1', [callsign]))[0]!.id;
  const press = async (key: string) =>
    (
      await t.app.inject({
        method: 'POST',
        url: '/ingest/alerts',
        headers: { authorization: `Bearer ${key}` },
        payload: { kind: 'panic', lat: 42.51, lon: 1.54 },
      })
    ).statusCode;

  const SHEET = ['设备名称,设备类型,绑定力量,纬度,经度', '超市一键报警,alert_gateway,,42.5063,1.5218', '巡警01终端,tracker,巡警01,,'].join('\r\n');

  it('a GBK dry run writes nothing; the import creates the devices, their keys shown once and working', async () => {
    const dry = await send(SHEET, true);
    expect(dry.body).toMatchObject({ kind: 'devices', dryRun: true, applied: false, encoding: 'gb18030', counts: { create: 2, reject: 0 } });
    expect(dry.body.oneTimeSecrets).toBeUndefined();
    expect(await devices()).toEqual([]);

    const done = await send(SHEET);
    expect(done.body).toMatchObject({ applied: true, counts: { create: 2, update: 0, unchanged: 0, reject: 0 } });
    const keys = done.body.oneTimeSecrets ?? [];
    expect(keys.map((k) => [k.row, k.key])).toEqual([
      [2, '超市一键报警'],
      [3, '巡警01终端'],
    ]);
    expect(keys[0]!.secret).toMatch(/^lfd_/);
    expect(await press(keys[0]!.secret)).toBe(202);
    const listed = await devices();
    expect(listed.map((d) => [d.name, d.kind, d.unitId, d.lat, d.lon])).toEqual([
      ['超市一键报警', 'alert_gateway', null, 42.5063, 1.5218],
      ['巡警01终端', 'tracker', await unitId('巡警01'), null, null],
    ]);
    const audit = await t.app.core.db.query<{ actor: string; action: string }>(`SELECT actor, action FROM audit_log WHERE action LIKE 'device.%' ORDER BY id`);
    expect(audit.map((a) => `${a.actor} ${a.action}`)).toEqual(['user:admin device.create', 'user:admin device.create']);
    const events = await t.app.core.db.query<{ payload: { device: { name: string } } }>(
      `SELECT payload FROM events WHERE type = 'device.updated' ORDER BY seq`,
    );
    expect(events.map((e) => e.payload.device.name)).toEqual(['超市一键报警', '巡警01终端']);
    expect(JSON.stringify(events)).not.toContain(keys[0]!.secret);
  });

  it('the same file changes nothing; a moved or rebound device is updated and keeps its key', async () => {
    expect((await send(SHEET)).body).toMatchObject({ applied: false, counts: { unchanged: 2 } });
    const keyBefore = await t.app.core.db.query<{ key_hash: string }>(`SELECT key_hash FROM devices ORDER BY name`);
    const moved = await send('name,kind,unit,lat,lon\n超市一键报警,alert_gateway,,42.507,1.522\n巡警01终端,tracker,巡警02,,\n', false, 'utf-8');
    expect(moved.body).toMatchObject({ applied: true, encoding: 'utf-8', counts: { update: 2 } });
    expect(moved.body.oneTimeSecrets).toBeUndefined();
    expect((await devices()).map((d) => [d.name, d.unitId, d.lat, d.lon])).toEqual([
      ['超市一键报警', null, 42.507, 1.522],
      ['巡警01终端', await unitId('巡警02'), null, null],
    ]);
    expect(await t.app.core.db.query<{ key_hash: string }>(`SELECT key_hash FROM devices ORDER BY name`)).toEqual(keyBefore);
    const [audit] = await t.app.core.db.query<{ data: { fields: string[] } }>(
      `SELECT data FROM audit_log WHERE action = 'device.update' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit!.data.fields).toEqual(['unit']);
  });

  it('refuses rows naming the column and writes nothing', async () => {
    const bad = await send(
      [
        'name,kind,unit,lat,lon',
        '新网关,alert_gateway,,42.5,1.5',
        '网关2,panic_button,,,',
        '网关3,alert_gateway,无此呼号,,',
        '网关4,alert_gateway,,42.5,',
        '网关5,alert_gateway,,北纬,1.5',
        '超市一键报警,tracker,,,',
      ].join('\n'),
      false,
      'utf-8',
    );
    expect(bad.body).toMatchObject({ applied: false, counts: { create: 1, reject: 5 } });
    const problems = Object.fromEntries(bad.body.rows.filter((r) => r.action === 'reject').map((r) => [r.row, r.problems.map((p) => `${p.field}:${p.code}`)]));
    expect(problems).toEqual({
      3: ['kind:one_of'],
      4: ['unit:unknown_unit'],
      5: ['lon:lat_lon_together'],
      6: ['lat:not_a_number'],
      7: ['kind:kind_differs'],
    });
    expect((await devices()).map((d) => d.name)).toEqual(['超市一键报警', '巡警01终端']);
  });

  it('JSON rows that are not objects are refused, never a 500; a zip route given JSON is a 400 naming file', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/import/devices?dryRun=true',
      headers: { authorization: `Bearer ${t.adminToken}` },
      payload: { devices: [null, 7, 'x', { name: 'n', kind: 'tracker', lat: 'north' }] },
    });
    expect(res.statusCode).toBe(200);
    const report = res.json() as ImportReport;
    expect(report.counts).toEqual({ create: 0, update: 0, unchanged: 0, reject: 4 });
    expect(report.rows.map((r) => r.problems[0]!.field)).toEqual(['(row)', '(row)', '(row)', 'lat']);
    const zip = await t.app.inject({
      method: 'POST',
      url: '/api/admin/import/jurisdiction',
      headers: { authorization: `Bearer ${t.adminToken}` },
      payload: { teams: [] },
    });
    expect([zip.statusCode, (zip.json() as { field?: string }).field]).toEqual([400, 'file']);
  });
});
