import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setUnauthorizedListener } from '../../src/api/http-client';
import { useAdminStore } from '../../src/features/admin/admin.store';
import UserSessionsDialog from '../../src/features/admin/components/UserSessionsDialog.vue';
import ChangePasswordForm from '../../src/features/account/components/ChangePasswordForm.vue';
import { useAccountStore } from '../../src/features/account/account.store';
import SessionList from '../../src/shared-ui/sessions/SessionList.vue';
import { describeDevice } from '../../src/shared-ui/sessions/session-device';
import { adminPlugins, ok, session, stubApi, user } from './admin-test-support';

const NOW = Date.parse('2026-12-07T10:00:00.000Z');

afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthorizedListener(null);
  document.body.innerHTML = '';
});

describe('session list', () => {
  it('reads last activity relative to now, names the device briefly, and labels this screen 本机 without 结束', () => {
    const { plugins } = adminPlugins('zh-CN');
    const sessions = [session({ id: 'here', current: true, lastSeenAt: new Date(NOW - 20_000).toISOString() }), session({ id: 'phone' })];
    const w = mount(SessionList, { props: { sessions, now: NOW }, global: { plugins } });
    const here = w.get('[data-session=here]');
    const phone = w.get('[data-session=phone]');
    expect(here.get('[data-testid=current-session]').text()).toBe('本机');
    expect(here.find('[data-testid=end-session]').exists()).toBe(false);
    expect(here.get('[data-testid=last-seen]').text()).toBe('现在');
    expect(phone.get('[data-testid=last-seen]').text()).toBe('3分钟前');
    expect(phone.text()).toContain('Chrome · Linux');
    expect(phone.find('[data-testid=current-session]').exists()).toBe(false);
    expect(phone.find('[data-testid=end-session]').exists()).toBe(true);
  });

  it('in English too', () => {
    const { plugins } = adminPlugins('en');
    const w = mount(SessionList, { props: { sessions: [session({ current: true })], now: NOW }, global: { plugins } });
    expect(w.get('[data-testid=last-seen]').text()).toBe('3 minutes ago');
    expect(w.get('[data-testid=current-session]').text()).toBe('This device');
  });

  it('shortens user agents it knows and cuts the ones it does not', () => {
    expect(describeDevice('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36')).toBe(
      'Chrome · Android',
    );
    expect(
      describeDevice('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'),
    ).toBe('Safari · iOS');
    expect(describeDevice('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0')).toBe(
      'Edge · Windows',
    );
    expect(describeDevice(null)).toBeNull();
    expect(describeDevice('x'.repeat(40))).toHaveLength(32);
  });
});

describe("an admin's view of one user's logins", () => {
  it('lists them, ends one, then all; the count in the table follows', async () => {
    const { plugins } = adminPlugins('zh-CN');
    const calls = stubApi({
      'GET /api/users': ok([user({ activeSessions: 2 })]),
      'GET /api/teams': ok([]),
      'GET /api/admin/trackers': ok([]),
      'GET /api/users/a1/sessions': ok([session({ id: 's1' }), session({ id: 's2' })]),
      'DELETE /api/users/a1/sessions/s1': ok({ ended: 1 }),
      'DELETE /api/users/a1/sessions': ok({ ended: 1 }),
    });
    const admin = useAdminStore();
    await admin.load();
    const w = mount(UserSessionsDialog, { props: { user: admin.users.a1! }, global: { plugins }, attachTo: document.body });
    await flushPromises();
    expect(w.findAll('[data-session]')).toHaveLength(2);
    await w.get('[data-session=s1] [data-testid=end-session]').trigger('click');
    await flushPromises();
    expect(w.findAll('[data-session]').map((r) => r.attributes('data-session'))).toEqual(['s2']);
    expect(admin.users.a1!.activeSessions).toBe(1);
    await w.get('[data-testid=end-all-sessions]').trigger('click');
    await flushPromises();
    expect(w.find('[data-testid=sessions-empty]').exists()).toBe(true);
    expect(admin.users.a1!.activeSessions).toBe(0);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toContain('DELETE /api/users/a1/sessions');
  });
});

describe('changing one’s own password', () => {
  async function fill(w: ReturnType<typeof mount>, current: string, next: string, repeat: string) {
    await w.get('input[name=currentPassword]').setValue(current);
    await w.get('input[name=newPassword]').setValue(next);
    await w.get('input[name=repeat]').setValue(repeat);
    await w.get('form').trigger('submit');
    await flushPromises();
  }

  it('checks length and repeat before asking the server', async () => {
    const { plugins } = adminPlugins('zh-CN');
    const calls = stubApi({});
    const w = mount(ChangePasswordForm, { global: { plugins } });
    await fill(w, 'old', 'short', 'short');
    expect(w.get('[data-testid=error-newPassword]').text()).toBe('至少 8 个字符');
    await fill(w, 'old', 'long-enough-1', 'long-enough-2');
    expect(w.get('[data-testid=error-repeat]').text()).toBe('两次输入的新密码不一致');
    expect(calls).toEqual([]);
  });

  it('a wrong current password is marked at its input and does not log the user out', async () => {
    const { plugins } = adminPlugins('zh-CN');
    const onUnauthorized = vi.fn();
    setUnauthorizedListener(onUnauthorized);
    stubApi({
      'POST /api/auth/password': () => ({ status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'wrong', field: 'currentPassword' } }),
    });
    const w = mount(ChangePasswordForm, { global: { plugins } });
    await fill(w, 'wrong-one', 'long-enough-1', 'long-enough-1');
    expect(w.get('[data-testid=error-currentPassword]').text()).toBe('当前密码不正确');
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('on success the other logins are gone from 我的登录 and the form is cleared', async () => {
    const { plugins } = adminPlugins('zh-CN');
    const calls = stubApi({
      'GET /api/auth/sessions': ok([session({ id: 'here', current: true }), session({ id: 'phone' })]),
      'POST /api/auth/password': ok({ ok: true, endedSessions: 1 }),
    });
    const account = useAccountStore();
    await account.loadSessions();
    const w = mount(ChangePasswordForm, { global: { plugins } });
    await fill(w, 'old-password', 'long-enough-1', 'long-enough-1');
    expect(calls.at(-1)).toMatchObject({ body: { currentPassword: 'old-password', newPassword: 'long-enough-1' } });
    expect(w.get('[data-testid=password-message]').text()).toBe('密码已修改，其他 1 个登录已结束');
    expect((w.get('input[name=newPassword]').element as HTMLInputElement).value).toBe('');
    expect(account.sessionList.map((s) => s.id)).toEqual(['here']);
  });
});
