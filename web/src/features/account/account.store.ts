import type { ChangePassword, SessionInfo } from '@lianfang/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { accountApi } from './account.api';

/** The logged-in user's own logins. */
export const useAccountStore = defineStore('account', () => {
  const sessions = ref<Record<string, SessionInfo>>({});

  /** this screen's login first, then the most recently seen */
  const sessionList = computed(() =>
    Object.values(sessions.value).sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt)),
  );

  async function loadSessions(): Promise<void> {
    sessions.value = Object.fromEntries((await accountApi.sessions()).map((s) => [s.id, s]));
  }

  async function endSession(sessionId: string): Promise<void> {
    await accountApi.endSession(sessionId);
    delete sessions.value[sessionId];
  }

  /** The server ends every other login of this user; only the current one is left to list. */
  async function changePassword(body: ChangePassword): Promise<number> {
    const { endedSessions } = await accountApi.changePassword(body);
    for (const s of Object.values(sessions.value)) if (!s.current) delete sessions.value[s.id];
    return endedSessions;
  }

  return { sessions, sessionList, loadSessions, endSession, changePassword };
});
