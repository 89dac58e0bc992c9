import type { CreateUser, EnrolledUnit, ManagedUser, SessionInfo, Team, UpdateUser } from '@lianfang/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { adminApi } from './admin.api';

/** A generated password, kept only until the administrator closes the dialog that shows it. */
export interface RevealedPassword {
  userId: string;
  username: string;
  password: string;
}

const byId = <T extends { id: string }>(rows: readonly T[]): Record<string, T> => Object.fromEntries(rows.map((r) => [r.id, r]));
const byCallsign = (a: EnrolledUnit, b: EnrolledUnit) => a.callsign.localeCompare(b.callsign, undefined, { numeric: true });

/** Accounts, their logins and tracker enrolment as the administrator sees them. REST only: no sockets. */
export const useAdminStore = defineStore('admin', () => {
  const users = ref<Record<string, ManagedUser>>({});
  const teams = ref<Record<string, Team>>({});
  const units = ref<Record<string, EnrolledUnit>>({});
  /** per user id: that user's sessions by id, loaded when the sessions panel opens */
  const sessions = ref<Record<string, Record<string, SessionInfo>>>({});
  const revealedPassword = ref<RevealedPassword | null>(null);

  const userList = computed(() => Object.values(users.value).sort((a, b) => a.username.localeCompare(b.username)));
  const teamList = computed(() => Object.values(teams.value).sort((a, b) => a.name.localeCompare(b.name)));
  const unitList = computed(() => Object.values(units.value).sort(byCallsign));

  function sessionsOf(userId: string): SessionInfo[] {
    return Object.values(sessions.value[userId] ?? {}).sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
  }

  async function load(): Promise<void> {
    const [u, t, e] = await Promise.all([adminApi.users(), adminApi.teams(), adminApi.trackers()]);
    users.value = byId(u);
    teams.value = byId(t);
    units.value = byId(e);
  }

  async function createUser(body: CreateUser): Promise<ManagedUser> {
    const user = await adminApi.createUser(body);
    const managed: ManagedUser = { ...user, disabled: false, activeSessions: 0 };
    users.value[user.id] = managed;
    return managed;
  }

  /** The server ends the user's sessions on a role/team/unit change or on disabling: the reply's count says so. */
  async function updateUser(id: string, patch: UpdateUser): Promise<void> {
    const updated = await adminApi.updateUser(id, patch);
    users.value[id] = updated;
    if (updated.activeSessions === 0) delete sessions.value[id];
  }

  async function resetPassword(id: string): Promise<void> {
    const { password } = await adminApi.resetPassword(id);
    const user = users.value[id];
    revealedPassword.value = { userId: id, username: user?.username ?? '', password };
    forgetSessions(id);
  }

  function clearRevealedPassword(): void {
    revealedPassword.value = null;
  }

  async function loadSessions(userId: string): Promise<void> {
    sessions.value[userId] = byId(await adminApi.sessions(userId));
    setSessionCount(userId, Object.keys(sessions.value[userId] ?? {}).length);
  }

  async function endSession(userId: string, sessionId: string): Promise<void> {
    await adminApi.endSession(userId, sessionId);
    delete sessions.value[userId]?.[sessionId];
    setSessionCount(userId, sessionsOf(userId).length);
  }

  async function endAllSessions(userId: string): Promise<void> {
    await adminApi.endAllSessions(userId);
    forgetSessions(userId);
  }

  function forgetSessions(userId: string): void {
    sessions.value[userId] = {};
    setSessionCount(userId, 0);
  }

  function setSessionCount(userId: string, count: number): void {
    const user = users.value[userId];
    if (user) user.activeSessions = count;
  }

  /** Enrol or rotate: the reply carries the new id; the old one is already dead on the server. */
  async function enrolTracker(unitId: string): Promise<string> {
    const { trackerId } = await adminApi.enrolTracker(unitId);
    const unit = units.value[unitId];
    if (unit) unit.trackerId = trackerId;
    return trackerId;
  }

  async function revokeTracker(unitId: string): Promise<void> {
    units.value[unitId] = await adminApi.revokeTracker(unitId);
  }

  return {
    users,
    teams,
    units,
    sessions,
    revealedPassword,
    userList,
    teamList,
    unitList,
    sessionsOf,
    load,
    createUser,
    updateUser,
    resetPassword,
    clearRevealedPassword,
    loadSessions,
    endSession,
    endAllSessions,
    enrolTracker,
    revokeTracker,
  };
});
