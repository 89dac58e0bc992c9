import type { Login, User } from '@lianfang/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { isUnauthorized } from '../../api/api-errors';
import { readSessionToken, writeSessionToken } from '../../api/session-token';
import * as authApi from './auth.api';

/** Who is logged in on this screen. Restored on reload from the stored token (or the cookie). */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<User | null>(null);
  const token = ref<string | null>(readSessionToken());
  /** false until the first `restore()` finished, so the router does not bounce a valid session to /login */
  const restored = ref(false);

  const isLoggedIn = computed(() => user.value !== null);
  const role = computed(() => user.value?.role ?? null);

  async function login(credentials: Login): Promise<User> {
    const reply = await authApi.login(credentials);
    token.value = reply.token;
    writeSessionToken(reply.token);
    user.value = reply.user;
    restored.value = true;
    return reply.user;
  }

  async function restore(): Promise<void> {
    if (restored.value) return;
    try {
      user.value = await authApi.fetchMe();
    } catch (err) {
      // Only a real 401 ends the session; a network blip keeps the token for the next try.
      if (isUnauthorized(err)) forget();
    } finally {
      restored.value = true;
    }
  }

  function forget(): void {
    user.value = null;
    token.value = null;
    writeSessionToken(null);
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout();
    } catch {
      // The local session goes regardless; the cookie expires on its own.
    }
    forget();
  }

  return { user, token, restored, isLoggedIn, role, login, restore, logout, forget };
});
