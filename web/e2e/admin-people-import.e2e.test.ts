import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { builtWeb } from './support/built-web';
import { ARTIFACTS_DIR } from './support/paths';
import { startServer, type RunningServer } from './support/server-process';
import { logIn } from './support/wall-page';

describe('administration console: accounts from a spreadsheet and the whole jurisdiction as one zip (issue 19; production build, Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let webDist = '';

  beforeAll(async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    webDist = builtWeb();
    server = await startServer(webDist, { DEMO_ALERT_EVERY_SECONDS: '0', DEMO_UNITS: '4' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function adminOnImports(): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true })).newPage();
    // an administrator lands in the console
    await logIn(page, server.baseUrl, 'admin', server.adminPassword);
    await page.waitForURL('**/admin');
    await page.click('[data-testid=tab-imports]');
    await page.waitForSelector('[data-testid=imports-tab]');
    return page;
  }

  it('a GBK account sheet is checked and imported; the new password is shown once, downloads as CSV and logs in', async () => {
    const admin = await adminOnImports();
    await admin.selectOption('[data-testid=import-kind]', 'users');
    const sheet = iconv.encode(['用户名,姓名,角色,停用', 'chenjing,陈静,operator,否'].join('\r\n'), 'gbk');
    await admin.setInputFiles('[data-testid=import-file]', { name: '账号.csv', mimeType: 'text/csv', buffer: sheet });
    await admin.click('[data-testid=import-check]');
    await admin.waitForSelector('[data-testid=import-report]');
    expect(await admin.textContent('[data-testid=import-count-create] .n')).toBe('1');
    expect(await admin.$('[data-testid=one-time-secret]')).toBeNull();
    await admin.click('[data-testid=import-apply]');
    await admin.waitForSelector('[data-testid=one-time-secret]');
    const password = (await admin.textContent('[data-testid=one-time-secret]'))!.trim();
    expect(password.length).toBeGreaterThanOrEqual(16);
    await admin.screenshot({ path: join(ARTIFACTS_DIR, 'admin-users-import-secrets.png') });
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.click('[data-testid=secrets-download-users]')]);
    expect(download.suggestedFilename()).toBe('新账号初始密码.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(`chenjing,${password}`);
    await admin.click('[data-testid=secrets-close]');
    expect(await admin.$('[data-testid=one-time-secret]')).toBeNull();
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'chenjing', password }),
    });
    expect(login.status).toBe(200);
    await admin.context().close();
  });

  it('导出全部 downloads the zip; 导入全部 of it checks to nothing new', async () => {
    const admin = await adminOnImports();
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.click('[data-testid=jurisdiction-export]')]);
    expect(download.suggestedFilename()).toMatch(/^jurisdiction-\d{4}-\d{2}-\d{2}\.zip$/);
    const zip = readFileSync((await download.path())!);
    expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
    await admin.setInputFiles('[data-testid=jurisdiction-file]', { name: 'backup.zip', mimeType: 'application/zip', buffer: zip });
    await admin.waitForSelector('[data-testid=jurisdiction-outcome]');
    expect(await admin.textContent('[data-testid=jurisdiction-outcome]')).toContain('zip 中的内容都与现有记录相同');
    expect(await admin.textContent('[data-testid=jurisdiction-files] details[data-part=users] summary')).toContain('账号');
    expect(await admin.$('[data-testid=jurisdiction-apply]')).toBeNull();
    await admin.screenshot({ path: join(ARTIFACTS_DIR, 'admin-jurisdiction-check.png') });
    await admin.context().close();
  });
});
