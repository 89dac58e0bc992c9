import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, ManagedUser } from '@lianfang/shared';
import { api, login, type TestApp } from '../../helpers/test-app.js';
import { startOn, type Driver } from '../analytics/analytics-client.js';

/**
 * Users from a district's spreadsheet: created with a password shown once in the report (and
 * good for a login), updated by username without touching the password, all or nothing, audited
 * per row with the administrator as actor; GBK files and JSON bodies read the same.
 */
describe.each(['pglite', 'postgres'] as const satisfies readonly Driver[])('the user import on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startOn(driver);
    await t.app.core.db.query(`INSERT INTO teams (id, name, force) VALUES ('team-a', '机动巡逻队', 'police'), ('team-b', '平安保安公司', 'security')`);
    await t.app.core.db.query(`INSERT INTO units (id, callsign, force, mode) VALUES ('unit-1', '巡警01', 'police', 'car')`);
  });
  afterAll(async () => t?.close());

  const send = async (text: string, dryRun = false, encoding = 'gbk') => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/admin/import/users?dryRun=${dryRun}`,
      headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'text/csv' },
      payload: iconv.encode(text, encoding),
    });
    return { status: res.statusCode, body: res.json() as ImportReport };
  };
  const users = async () => (await api<ManagedUser[]>(t.app, t.adminToken, 'GET', '/api/users')).body;

  const SHEET = [
    '用户名,姓名,角色,队伍,力量呼号,停用',
    'zhangwei,张伟,captain,机动巡逻队,巡警01,',
    'lina,李娜,operator,,,否',
    'wangfang,王芳,manager,平安保安公司,,是',
  ].join('\r\n');

  it('a GBK dry run reports and writes nothing; the import creates the users with passwords shown once that log in', async () => {
    const dry = await send(SHEET, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ kind: 'users', dryRun: true, applied: false, encoding: 'gb18030', counts: { create: 3, reject: 0 } });
    expect(dry.body.oneTimeSecrets).toBeUndefined();
    expect((await users()).map((u) => u.username)).toEqual(['admin']);

    const done = await send(SHEET);
    expect(done.body).toMatchObject({ applied: true, counts: { create: 3, update: 0, unchanged: 0, reject: 0 } });
    expect(done.body.rows.map((r) => [r.row, r.key, r.action])).toEqual([
      [2, 'zhangwei', 'create'],
      [3, 'lina', 'create'],
      [4, 'wangfang', 'create'],
    ]);
    const secrets = done.body.oneTimeSecrets ?? [];
    expect(secrets.map((s) => [s.row, s.key])).toEqual([
      [2, 'zhangwei'],
      [3, 'lina'],
      [4, 'wangfang'],
    ]);
    expect(secrets.every((s) => s.secret.length >= 16)).toBe(true);
    // the password handed out works; a disabled user's does not
    expect(await login(t.app, 'zhangwei', secrets[0]!.secret)).toBeTruthy();
    const refused = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'wangfang', password: secrets[2]!.secret } });
    expect(refused.statusCode).toBe(401);

    const listed = (await users()).filter((u) => u.username !== 'admin');
    expect(listed.map((u) => [u.username, u.displayName, u.role, u.teamId, u.unitId, u.disabled])).toEqual([
      ['lina', '李娜', 'operator', null, null, false],
      ['wangfang', '王芳', 'manager', 'team-b', null, true],
      ['zhangwei', '张伟', 'captain', 'team-a', 'unit-1', false],
    ]);
    const audit = await t.app.core.db.query<{ actor: string; action: string; data: { username: string; import: boolean } }>(
      `SELECT actor, action, data FROM audit_log WHERE action LIKE 'user.%' ORDER BY id`,
    );
    expect(audit.map((a) => [a.actor, a.action, a.data.username, a.data.import])).toEqual([
      ['user:admin', 'user.create', 'zhangwei', true],
      ['user:admin', 'user.create', 'lina', true],
      ['user:admin', 'user.create', 'wangfang', true],
    ]);
    expect(JSON.stringify(audit)).not.toContain(secrets[0]!.secret);
  });

  it('the same file again changes nothing; a changed row updates that user, never the password, and ends their logins', async () => {
    const again = await send(SHEET);
    expect(again.body).toMatchObject({ applied: false, counts: { create: 0, update: 0, unchanged: 3, reject: 0 } });
    expect(again.body.oneTimeSecrets).toBeUndefined();

    const hashBefore = await t.app.core.db.query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE username = 'lina'`);
    // UTF-8 with a BOM and English headers this time
    const changed = await send('\uFEFFusername,displayName,role,team\r\nlina,李娜（夜班）,captain,平安保安公司\r\n', false, 'utf-8');
    expect(changed.body).toMatchObject({ applied: true, encoding: 'utf-8 with BOM', counts: { update: 1 } });
    expect(changed.body.oneTimeSecrets).toBeUndefined();
    const lina = (await users()).find((u) => u.username === 'lina')!;
    expect([lina.role, lina.teamId, lina.displayName, lina.disabled]).toEqual(['captain', 'team-b', '李娜（夜班）', false]);
    expect(await t.app.core.db.query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE username = 'lina'`)).toEqual(hashBefore);
    const [audit] = await t.app.core.db.query<{ action: string; data: Record<string, unknown> }>(
      `SELECT action, data FROM audit_log WHERE action = 'user.update' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit!.data).toEqual({ role: 'captain', teamId: 'team-b', displayName: '李娜（夜班）', username: 'lina', import: true });
  });

  it('refuses rows naming the column, and writes nothing when any row is refused', async () => {
    const bad = await send(
      [
        'username,role,team,unit,disabled',
        'new.one,operator,,,',
        'bad name!,operator,,,',
        'x1,chief,,,',
        'x2,operator,不存在队,,',
        'x3,operator,,无此呼号,',
        'x4,operator,,,也许',
        'x5,captain,,,',
        'new.one,manager,,,',
      ].join('\n'),
    );
    expect(bad.body.applied).toBe(false);
    expect(bad.body.counts).toEqual({ create: 1, update: 0, unchanged: 0, reject: 7 });
    const problems = Object.fromEntries(bad.body.rows.filter((r) => r.action === 'reject').map((r) => [r.row, r.problems.map((p) => `${p.field}:${p.code}`)]));
    expect(problems).toEqual({
      3: ['username:invalid'],
      4: ['role:one_of'],
      5: ['team:unknown_team'],
      6: ['unit:unknown_unit'],
      7: ['disabled:not_yes_no'],
      8: ['team:captain_needs_team'],
      9: ['username:twice_in_file'],
    });
    expect((await users()).some((u) => u.username === 'new.one')).toBe(false);
  });

  it('never takes away the last enabled administrator; JSON bodies are read too; a missing column refuses the file', async () => {
    const demote = await t.app.inject({
      method: 'POST',
      url: '/api/admin/import/users',
      headers: { authorization: `Bearer ${t.adminToken}` },
      payload: { users: [{ username: 'admin', role: 'operator' }] },
    });
    const report = demote.json() as ImportReport;
    expect(report.rows).toEqual([
      {
        row: 1,
        key: 'admin',
        action: 'reject',
        problems: [{ field: 'role', message: 'this is the last enabled administrator', code: 'last_admin', params: { value: 'admin', row: 1 } }],
      },
    ]);
    const header = await send('username,displayName\nsomeone,某人\n');
    expect(header.body.rows[0]!.problems).toEqual([{ field: 'role', message: 'column is missing', code: 'missing_column' }]);
  });
});
