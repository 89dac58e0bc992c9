import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useAdminStore } from '../../src/features/admin/admin.store';
import TrackerRow from '../../src/features/admin/components/TrackerRow.vue';
import UsersTab from '../../src/features/admin/components/UsersTab.vue';
import { maskTrackerId } from '../../src/features/admin/tracker-mask';
import { adminPlugins, ok, stubApi, team, unit, user } from './admin-test-support';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

async function loadedAdmin(routes: Parameters<typeof stubApi>[0] = {}) {
  const setup = adminPlugins('zh-CN');
  const calls = stubApi({
    'GET /api/users': ok([user(), user({ id: 'a2', username: 'admin', role: 'admin', teamId: null, unitId: null, activeSessions: 1 })]),
    'GET /api/teams': ok([team]),
    'GET /api/admin/trackers': ok([unit({ trackerId: 'lfA7c2Qx9mZp3k9q' })]),
    ...routes,
  });
  const admin = useAdminStore();
  await admin.load();
  return { ...setup, admin, calls };
}

describe('tracker ids', () => {
  it('are masked to their two first and four last characters; short ones wholly', () => {
    expect(maskTrackerId('lfA7c2Qx9mZp3k9q')).toBe('lf••••••••3k9q');
    expect(maskTrackerId('abc123')).toBe('••••••••');
  });

  it('show masked, reveal on 显示, and a rotated id comes back masked', async () => {
    const { plugins, admin } = await loadedAdmin({ 'POST /api/units/u1/tracker': ok({ unitId: 'u1', callsign: '东01', trackerId: 'lfNEWNEWNEWNEWzz01' }) });
    const w = mount(
      {
        components: { TrackerRow },
        template: '<table><tbody><TrackerRow :unit="unit" /></tbody></table>',
        setup: () => ({
          get unit() {
            return admin.units.u1!;
          },
        }),
      },
      { global: { plugins } },
    );
    expect(w.get('[data-testid=tracker-status]').text()).toBe('已绑定');
    expect(w.get('[data-testid=tracker-id]').text()).toBe('lf••••••••3k9q');
    await w.get('[data-testid=reveal-tracker]').trigger('click');
    expect(w.get('[data-testid=tracker-id]').text()).toBe('lfA7c2Qx9mZp3k9q');
    await admin.enrolTracker('u1');
    await flushPromises();
    expect(w.get('[data-testid=tracker-id]').text()).toBe('lf••••••••zz01');
  });
});

describe('accounts tab', () => {
  it('names teams and units, never their ids', async () => {
    const { plugins } = await loadedAdmin();
    const w = mount(UsersTab, { global: { plugins }, attachTo: document.body });
    const row = w.get('[data-user=wang]');
    expect(row.text()).toContain('城东巡逻队 · 东01');
    expect(row.text()).not.toMatch(/\bt1\b|\bu1\b/);
    expect(row.get('[data-testid=user-status]').text()).toBe('启用');
  });

  it('disabling asks first, then the status and login count follow the server', async () => {
    const { plugins, calls } = await loadedAdmin({ 'PATCH /api/users/a1': ok(user({ disabled: true, activeSessions: 0 })) });
    const w = mount(UsersTab, { global: { plugins }, attachTo: document.body });
    await w.get('[data-user=wang] [data-testid=toggle-disabled]').trigger('click');
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
    const confirmButton = w.get('[data-testid=confirm-ok]');
    expect(document.activeElement).toBe(confirmButton.element);
    await confirmButton.trigger('click');
    await flushPromises();
    expect(calls.at(-1)).toMatchObject({ method: 'PATCH', path: '/api/users/a1', body: { disabled: true } });
    expect(w.get('[data-user=wang] [data-testid=user-status]').text()).toBe('停用');
  });

  it('Esc closes the confirmation without acting', async () => {
    const { plugins, calls } = await loadedAdmin();
    const w = mount(UsersTab, { global: { plugins }, attachTo: document.body });
    await w.get('[data-user=wang] [data-testid=reset-password]').trigger('click');
    expect(w.find('[data-testid=confirm-ok]').exists()).toBe(true);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await flushPromises();
    expect(w.find('[data-testid=confirm-ok]').exists()).toBe(false);
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('a generated password is shown once, then gone from the page and the store', async () => {
    const { plugins, admin } = await loadedAdmin({ 'POST /api/users/a1/password': ok({ password: 'Xk4-pq9-Lm2-vb7' }) });
    const w = mount(UsersTab, { global: { plugins }, attachTo: document.body });
    await w.get('[data-user=wang] [data-testid=reset-password]').trigger('click');
    await w.get('[data-testid=confirm-ok]').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid=generated-password]').text()).toBe('Xk4-pq9-Lm2-vb7');
    expect(w.text()).toContain('只显示这一次');
    expect(admin.users.a1!.activeSessions).toBe(0);
    await w.get('[data-testid=generated-password-close]').trigger('click');
    expect(w.find('[data-testid=generated-password]').exists()).toBe(false);
    expect(admin.revealedPassword).toBeNull();
    expect(w.html()).not.toContain('Xk4-pq9-Lm2-vb7');
  });

  it('the last enabled admin: the server refuses with 409 and the tab says why', async () => {
    const { plugins } = await loadedAdmin({
      'PATCH /api/users/a2': () => ({ status: 409, body: { statusCode: 409, error: 'Conflict', message: 'last admin', field: 'disabled' } }),
    });
    const w = mount(UsersTab, { global: { plugins }, attachTo: document.body });
    await w.get('[data-user=admin] [data-testid=toggle-disabled]').trigger('click');
    await w.get('[data-testid=confirm-ok]').trigger('click');
    await flushPromises();
    expect(w.get('[role=alert]').text()).toBe('至少要保留一个启用的管理员账号');
    expect(w.get('[data-user=admin] [data-testid=user-status]').text()).toBe('启用');
  });
});
