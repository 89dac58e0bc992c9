import type { EnrolledUnit, ManagedUser, SessionInfo, Team } from '@lianfang/shared';
import { vi } from 'vitest';
import { createI18n } from 'vue-i18n';
import { accountEn } from '../../src/app/locales/account.en';
import { accountZhCN } from '../../src/app/locales/account.zh-CN';
import { adminEn } from '../../src/app/locales/admin.en';
import { adminZhCN } from '../../src/app/locales/admin.zh-CN';
import { en } from '../../src/app/locales/en';
import { zhCN } from '../../src/app/locales/zh-CN';
import { freshPinia } from '../support/test-app';

/** A fresh Pinia and the app's messages with the admin and account files merged, as i18n.ts does. */
export function adminPlugins(locale: 'en' | 'zh-CN' = 'zh-CN') {
  const pinia = freshPinia();
  const i18n = createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    missingWarn: false,
    fallbackWarn: false,
    messages: { en: { ...en, ...adminEn, ...accountEn }, 'zh-CN': { ...zhCN, ...adminZhCN, ...accountZhCN } },
  });
  return { pinia, i18n, plugins: [pinia, i18n] };
}

export type Route = (body: unknown) => { status: number; body: unknown };

/** Stubs fetch with answers by "METHOD path"; returns the calls made, in order. */
export function stubApi(routes: Record<string, Route>): { method: string; path: string; body: unknown }[] {
  const calls: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (path: string, init: RequestInit) => {
    const method = init.method ?? 'GET';
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, path, body });
    const route = routes[`${method} ${path}`];
    const answer = route ? route(body) : { status: 404, body: { statusCode: 404, error: 'Not Found', message: `no route ${method} ${path}` } };
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}

export const ok =
  (body: unknown): Route =>
  () => ({ status: 200, body });

export const team: Team = { id: 't1', name: '城东巡逻队', force: 'police' };
export const unit = (over: Partial<EnrolledUnit> = {}): EnrolledUnit => ({
  id: 'u1',
  callsign: '东01',
  force: 'police',
  mode: 'car',
  teamId: 't1',
  status: 'available',
  position: null,
  trackerId: null,
  ...over,
});
export const user = (over: Partial<ManagedUser> = {}): ManagedUser => ({
  id: 'a1',
  username: 'wang',
  role: 'captain',
  teamId: 't1',
  unitId: 'u1',
  disabled: false,
  activeSessions: 2,
  ...over,
});
export const session = (over: Partial<SessionInfo> = {}): SessionInfo => ({
  id: 's1',
  userId: 'a1',
  createdAt: '2026-12-07T08:00:00.000Z',
  lastSeenAt: '2026-12-07T09:57:00.000Z',
  expiresAt: '2026-12-14T08:00:00.000Z',
  address: '10.0.0.7',
  current: false,
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  ...over,
});
