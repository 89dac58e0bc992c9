import type { ImportReport } from '@lianfang/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useAdminStore } from '../../src/features/admin/admin.store';
import ImportTab from '../../src/features/admin/components/ImportTab.vue';
import { adminPlugins, ok, stubApi, team, unit, user } from './admin-test-support';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const report = (over: Partial<ImportReport>): ImportReport => ({
  kind: 'users',
  dryRun: true,
  applied: false,
  encoding: 'gb18030',
  counts: { create: 1, update: 0, unchanged: 0, reject: 0 },
  rows: [{ row: 2, key: 'chenjing', action: 'create', problems: [] }],
  ...over,
});

describe('the import tab: accounts from a spreadsheet', () => {
  it('shows the new passwords once after the import, and forgets them when the dialog closes', async () => {
    const { plugins } = adminPlugins('zh-CN');
    const calls = stubApi({
      'GET /api/users': ok([user()]),
      'GET /api/teams': ok([team]),
      'GET /api/admin/trackers': ok([unit()]),
      'POST /api/admin/import/users?dryRun=true': ok(report({})),
      'POST /api/admin/import/users?dryRun=false': ok(
        report({ dryRun: false, applied: true, oneTimeSecrets: [{ row: 2, key: 'chenjing', secret: 'pW9-secret-once-xx' }] }),
      ),
    });
    await useAdminStore().load();
    const w = mount(ImportTab, { global: { plugins, stubs: { RouterLink: true } }, attachTo: document.body });
    await w.get('[data-testid=import-kind]').setValue('users');
    // the columns table offers the Chinese headers the server reads
    expect(w.get('[data-testid=import-columns]').text()).toContain('用户名');
    const input = w.get('[data-testid=import-file]');
    Object.defineProperty(input.element, 'files', { value: [new File(['用户名,角色\r\nchenjing,operator\r\n'], '账号.csv', { type: 'text/csv' })] });
    await input.trigger('change');
    await w.get('[data-testid=import-check]').trigger('click');
    await flushPromises();
    expect(w.find('[data-testid=one-time-secret]').exists()).toBe(false);
    await w.get('[data-testid=import-apply]').trigger('click');
    await flushPromises();
    expect(calls.map((c) => `${c.method} ${c.path}`)).toContain('POST /api/admin/import/users?dryRun=false');
    expect(w.get('[data-testid=one-time-secret]').text()).toBe('pW9-secret-once-xx');
    expect(w.text()).toContain('只显示这一次');
    await w.get('[data-testid=secrets-close]').trigger('click');
    expect(w.find('[data-testid=one-time-secret]').exists()).toBe(false);
    expect(w.html()).not.toContain('pW9-secret-once-xx');
  });
});
