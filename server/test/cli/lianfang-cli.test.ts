import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../helpers/test-app.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const CLI = join(ROOT, 'server/src/cli/lianfang.ts');

/**
 * `pnpm lianfang import|export` as an administrator runs it: a real process against a real
 * server, a GB18030 spreadsheet from a file in the user's own directory, the exit code and the
 * printed report, the audit row naming the administrator.
 */
describe('the lianfang CLI', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'lf-cli-'));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cli = async (args: string[], password = ADMIN_PASSWORD) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [TSX, '--conditions=lianfang-src', CLI, ...args, '--server', t.url], {
        cwd: ROOT,
        env: { ...process.env, LIANFANG_PASSWORD: password, INIT_CWD: dir },
      });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const units = async () =>
    (await t.app.core.db.query<{ callsign: string; mode: string }>('SELECT callsign, mode FROM units ORDER BY callsign')).map((u) => `${u.callsign}:${u.mode}`);

  it('checks, imports and re-imports a GB18030 roster named relative to the user directory', async () => {
    writeFileSync(join(dir, '名册.csv'), iconv.encode('呼号,力量类别,巡逻方式\r\n巡警01,police,car\r\n保安01,security,foot\r\n', 'gb18030'));

    const dry = await cli(['import', 'units', '名册.csv', '--dry-run', '--lang', 'zh']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('units：检查（未写入）');
    expect(dry.stdout).toContain('新建 2 · 更新 0 · 不变 0 · 拒绝 0');
    expect(dry.stdout).toContain('文件编码：gb18030');
    expect(await units()).toEqual([]);

    const applied = await cli(['import', 'units', '名册.csv', '--lang', 'en']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('units: imported');
    expect(await units()).toEqual(['保安01:foot', '巡警01:car']);
    const audit = await t.app.core.db.query<{ actor: string; action: string }>("SELECT actor, action FROM audit_log WHERE action = 'unit.create' ORDER BY id");
    expect(audit.map((a) => a.actor)).toEqual(['user:admin', 'user:admin']);

    const again = await cli(['import', 'units', '名册.csv', '--lang', 'en']);
    expect(again.stdout).toContain('create 0 · update 0 · unchanged 2 · reject 0');
  });

  it('a refused row exits 1, names the row and the column, and writes nothing', async () => {
    writeFileSync(join(dir, 'bad.csv'), '呼号,力量类别,巡逻方式\n巡警09,police,car\n巡警10,police,hovercraft\n');
    const res = await cli(['import', 'units', 'bad.csv', '--lang', 'zh']);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('未导入');
    expect(res.stdout).toMatch(/第 3 行（巡警10） (mode|巡逻方式): /);
    expect(await units()).not.toContain('巡警09:car');
  });

  it('a wrong password or an unknown kind exits 2 with the reason', async () => {
    const denied = await cli(['import', 'units', 'bad.csv'], 'not-the-password');
    expect(denied.code).toBe(2);
    expect(denied.stderr).toContain('login as admin refused');
    const unknown = await cli(['export', 'nothing-here']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('HTTP 404');
    const usage = await cli(['import', 'units']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage:');
  });

  it('imports grids from GeoJSON and exports the geography that re-imports unchanged', async () => {
    const square = (x: number, y: number, d: number) => [
      [
        [x, y],
        [x + d, y],
        [x + d, y + d],
        [x, y + d],
        [x, y],
      ],
    ];
    const feature = (code: string, level: string, parentCode: string | null, coords: number[][][]) => ({
      type: 'Feature',
      properties: { code, name: `${code}名`, level, ...(parentCode ? { parentCode } : {}) },
      geometry: { type: 'Polygon', coordinates: coords },
    });
    writeFileSync(
      join(dir, '街道.geojson'),
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          feature('S1', 'street', null, square(121.47, 31.23, 0.01)),
          feature('C1', 'community', 'S1', square(121.471, 31.231, 0.004)),
          feature('G1', 'grid', 'C1', square(121.4715, 31.2315, 0.002)),
        ],
      }),
    );
    const imported = await cli(['import', 'grids', '街道.geojson', '--lang', 'en']);
    expect(imported.stdout).toContain('create 3 · update 0 · unchanged 0 · reject 0');
    expect(imported.code).toBe(0);

    const exported = await cli(['export', 'geography', '-o', 'district.geojson']);
    expect(exported.code).toBe(0);
    const file = JSON.parse(readFileSync(join(dir, 'district.geojson'), 'utf8')) as { type: string; features: { properties: { code: string } }[] };
    expect(file.type).toBe('FeatureCollection');
    expect(file.features.map((f) => f.properties.code)).toEqual(expect.arrayContaining(['S1', 'C1', 'G1']));
    const again = await cli(['import', 'grids', '街道.geojson', '--lang', 'en']);
    expect(again.stdout).toContain('create 0 · update 0 · unchanged 3 · reject 0');
  });

  it('imports key areas from GeoJSON: a dry run writes nothing, the import is audited, the same file again is unchanged', async () => {
    const ring = [
      [121.472, 31.232],
      [121.474, 31.232],
      [121.474, 31.234],
      [121.472, 31.232],
    ];
    writeFileSync(
      join(dir, '重点区域.geojson'),
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Polygon', coordinates: [ring] },
            properties: { code: 'KA1', name: '地铁口', fromHhmm: '07:00', toHhmm: '23:00', visitEveryMinutes: 45 },
          },
        ],
      }),
    );
    const areas = async () =>
      await t.app.core.db.query<{ code: string; every_minutes: number }>(`SELECT code, every_minutes FROM key_areas WHERE code = 'KA1'`);
    const dry = await cli(['import', 'keyareas', '重点区域.geojson', '--dry-run', '--lang', 'en']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('create 1 · update 0 · unchanged 0 · reject 0');
    expect(await areas()).toEqual([]);
    const imported = await cli(['import', 'keyareas', '重点区域.geojson', '--lang', 'en']);
    expect(imported.code).toBe(0);
    expect(await areas()).toEqual([{ code: 'KA1', every_minutes: 45 }]);
    const [audit] = await t.app.core.db.query<{ actor: string }>(`SELECT actor FROM audit_log WHERE action = 'key_area.create' ORDER BY id DESC LIMIT 1`);
    expect(audit?.actor).toBe('user:admin');
    const again = await cli(['import', 'keyareas', '重点区域.geojson', '--lang', 'en']);
    expect(again.stdout).toContain('create 0 · update 0 · unchanged 1 · reject 0');
  });

  it('imports users with their passwords printed once, and exports the jurisdiction as a zip that re-imports unchanged', async () => {
    writeFileSync(join(dir, '人员.csv'), iconv.encode('用户名,姓名,角色\r\nzhaolei,赵磊,operator\r\n', 'gbk'));
    const users = await cli(['import', 'users', '人员.csv', '--lang', 'en']);
    expect(users.code).toBe(0);
    expect(users.stdout).toContain('users: imported');
    const password = /zhaolei\t(\S+)/.exec(users.stdout)?.[1];
    expect(password).toBeTruthy();
    const loggedIn = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zhaolei', password } });
    expect(loggedIn.statusCode).toBe(200);

    const exported = await cli(['export', 'jurisdiction', '-o', 'backup.zip']);
    expect(exported.code).toBe(0);
    const zip = readFileSync(join(dir, 'backup.zip'));
    // PK: a zip, written byte for byte
    expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
    const again = await cli(['import', 'jurisdiction', 'backup.zip', '--dry-run', '--lang', 'en']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('users: checked (nothing written)');
    expect(again.stdout).toContain('create 0 · update 0 · unchanged 2 · reject 0');
  });
});
