import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ManagedUser, ServerToClientEvents, SessionInfo } from '@lianfang/shared';
import { listAudit } from '../../src/modules/audit/audit-query.js';
import { api, login, startTestApp, type TestApp } from '../helpers/test-app.js';
import { startTwoInstances, type TwoInstances } from '../helpers/two-instances.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A screen's socket, connected and past its snapshot; `ended` resolves with the reason the server gave when it ends the login. */
async function screen(url: string, token: string): Promise<{ socket: Client; ended: Promise<{ reason: string | null; disconnect: string }> }> {
  const socket: Client = io(url, { path: '/socket.io', transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } });
  let told: string | null = null;
  socket.on('session:ended', (m) => {
    told = m.reason ?? 'unknown';
  });
  const ended = new Promise<{ reason: string | null; disconnect: string }>((resolve) =>
    socket.once('disconnect', (why) => resolve({ reason: told, disconnect: why })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('state:snapshot', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, ended };
}

const me = (t: TestApp, headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const cookie = (token: string) => ({ cookie: `lf_session=${token}` });

async function createUser(t: TestApp, username: string, role: string, password = `${username}-password`): Promise<string> {
  const res = await api<{ id: string }>(t.app, t.adminToken, 'POST', '/api/users', { username, password, role });
  if (res.status !== 201) throw new Error(`create ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

describe('sessions can be ended (issue 14, finding 3)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('a logout ends the token at once, as Bearer and as cookie, and closes its sockets', async () => {
    await createUser(t, 'op-logout', 'operator');
    const token = await login(t.app, 'op-logout', 'op-logout-password');
    expect((await me(t, bearer(token))).statusCode).toBe(200);
    expect((await me(t, cookie(token))).statusCode).toBe(200);
    const { ended } = await screen(t.url, token);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) })).statusCode).toBe(200);
    expect((await me(t, bearer(token))).statusCode).toBe(401);
    expect((await me(t, cookie(token))).statusCode).toBe(401);
    expect(await ended).toEqual({ reason: 'logout', disconnect: 'io server disconnect' });
    // and a new socket with it is refused in the handshake
    await expect(screen(t.url, token)).rejects.toThrow(/unauthorized/);
  });

  it('a disabled admin cannot use an old token to create a new admin', async () => {
    const id = await createUser(t, 'admin-two', 'admin');
    const token = await login(t.app, 'admin-two', 'admin-two-password');
    const { ended } = await screen(t.url, token);
    const disabled = await api<ManagedUser>(t.app, t.adminToken, 'PATCH', `/api/users/${id}`, { disabled: true });
    expect(disabled).toMatchObject({ status: 200, body: { disabled: true, activeSessions: 0 } });
    const created = await api(t.app, token, 'POST', '/api/users', { username: 'sneaky', password: 'sneaky-password', role: 'admin' });
    expect(created.status).toBe(401);
    expect(await ended).toEqual({ reason: 'disabled', disconnect: 'io server disconnect' });
    // nor log in again
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin-two', password: 'admin-two-password' } })).statusCode,
    ).toBe(401);
    // and the change is audited with its actor
    const audit = await listAudit(t.app.core.db, { action: 'user.update', limit: 10 });
    expect(audit.find((e) => e.target === id)).toMatchObject({ actor: 'user:admin', data: { disabled: true } });
  });

  it('a demoted admin loses admin rights with the token they hold', async () => {
    const id = await createUser(t, 'admin-three', 'admin');
    const token = await login(t.app, 'admin-three', 'admin-three-password');
    expect((await api(t.app, t.adminToken, 'PATCH', `/api/users/${id}`, { role: 'operator' })).status).toBe(200);
    expect((await api(t.app, token, 'GET', '/api/users')).status).toBe(401);
    // a fresh login has the new role only
    const again = await login(t.app, 'admin-three', 'admin-three-password');
    expect((await api(t.app, again, 'GET', '/api/users')).status).toBe(403);
    expect((await api(t.app, again, 'GET', '/api/state')).status).toBe(200);
  });

  it('a password change ends the other logins and keeps this one; a wrong current password is refused naming the field', async () => {
    await createUser(t, 'op-pw', 'operator');
    const wall = await login(t.app, 'op-pw', 'op-pw-password');
    const desk = await login(t.app, 'op-pw', 'op-pw-password');
    const wrong = await api(t.app, desk, 'POST', '/api/auth/password', { currentPassword: 'nope', newPassword: 'a-new-password' });
    expect(wrong).toMatchObject({ status: 422, body: { field: 'currentPassword' } });
    const changed = await api(t.app, desk, 'POST', '/api/auth/password', { currentPassword: 'op-pw-password', newPassword: 'a-new-password' });
    expect(changed).toMatchObject({ status: 200, body: { ok: true, endedSessions: 1 } });
    expect((await me(t, bearer(wall))).statusCode).toBe(401);
    expect((await me(t, bearer(desk))).statusCode).toBe(200);
    await expect(login(t.app, 'op-pw', 'op-pw-password')).rejects.toThrow(/401/);
    expect(await login(t.app, 'op-pw', 'a-new-password')).toBeTruthy();
  });

  it("an admin lists a user's logins, ends one, then all; a reset password is shown once and ends every login", async () => {
    const id = await createUser(t, 'op-many', 'operator');
    const first = await login(t.app, 'op-many', 'op-many-password');
    const second = (
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'user-agent': 'TabletBrowser/1.0' },
        payload: { username: 'op-many', password: 'op-many-password' },
      })
    ).json<{ token: string }>().token;
    const listed = await api<SessionInfo[]>(t.app, t.adminToken, 'GET', `/api/users/${id}/sessions`);
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(2);
    expect(listed.body.map((s) => s.userAgent)).toContain('TabletBrowser/1.0');
    expect(listed.body.every((s) => !s.current && s.address === '127.0.0.1')).toBe(true);
    expect(JSON.stringify(listed.body)).not.toContain(first.split('.')[1]!);
    const users = await api<ManagedUser[]>(t.app, t.adminToken, 'GET', '/api/users');
    expect(users.body.find((u) => u.id === id)).toMatchObject({ activeSessions: 2, disabled: false });

    const tablet = listed.body.find((s) => s.userAgent === 'TabletBrowser/1.0')!;
    expect(await api(t.app, t.adminToken, 'DELETE', `/api/users/${id}/sessions/${tablet.id}`)).toMatchObject({ status: 200, body: { ended: 1 } });
    expect((await me(t, bearer(second))).statusCode).toBe(401);
    expect((await me(t, bearer(first))).statusCode).toBe(200);

    const reset = await api<{ password: string }>(t.app, t.adminToken, 'POST', `/api/users/${id}/password`);
    expect(reset.status).toBe(200);
    expect(reset.body.password.length).toBeGreaterThanOrEqual(16);
    expect((await me(t, bearer(first))).statusCode).toBe(401);
    expect(await login(t.app, 'op-many', reset.body.password)).toBeTruthy();
    expect(await api(t.app, t.adminToken, 'DELETE', `/api/users/${id}/sessions`)).toMatchObject({ status: 200, body: { ended: 1 } });
    expect((await api<SessionInfo[]>(t.app, t.adminToken, 'GET', `/api/users/${id}/sessions`)).body).toEqual([]);
  });

  it("a user lists and ends their own logins, never another user's", async () => {
    await createUser(t, 'op-own', 'operator');
    const a = await login(t.app, 'op-own', 'op-own-password');
    const b = await login(t.app, 'op-own', 'op-own-password');
    const mine = await api<SessionInfo[]>(t.app, a, 'GET', '/api/auth/sessions');
    expect(mine.body.filter((s) => s.current)).toHaveLength(1);
    const other = mine.body.find((s) => !s.current)!;
    const adminSessions = await api<SessionInfo[]>(t.app, t.adminToken, 'GET', '/api/auth/sessions');
    expect(await api(t.app, a, 'DELETE', `/api/auth/sessions/${adminSessions.body[0]!.id}`)).toMatchObject({ status: 200, body: { ended: 0 } });
    expect((await me(t, bearer(t.adminToken))).statusCode).toBe(200);
    expect(await api(t.app, a, 'DELETE', `/api/auth/sessions/${other.id}`)).toMatchObject({ status: 200, body: { ended: 1 } });
    expect((await me(t, bearer(b))).statusCode).toBe(401);
  });

  it('refuses to disable or demote the last enabled administrator', async () => {
    const adminId = (await t.app.core.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'admin'"))[0]!.id;
    // the other admins of this file are disabled or demoted by now
    expect(await api(t.app, t.adminToken, 'PATCH', `/api/users/${adminId}`, { disabled: true })).toMatchObject({ status: 409, body: { field: 'disabled' } });
    expect(await api(t.app, t.adminToken, 'PATCH', `/api/users/${adminId}`, { role: 'manager' })).toMatchObject({ status: 409, body: { field: 'role' } });
    expect(await api(t.app, t.adminToken, 'PATCH', '/api/users/no-such-user', { disabled: true })).toMatchObject({ status: 404 });
    expect(await api(t.app, t.adminToken, 'PATCH', `/api/users/${adminId}`, { teamId: 'no-such-team' })).toMatchObject({
      status: 422,
      body: { field: 'teamId' },
    });
    expect((await me(t, bearer(t.adminToken))).statusCode).toBe(200);
  });
});

describe('a login ended on one instance ends its sockets on another (PostgreSQL, Redis)', () => {
  let two: TwoInstances;
  beforeAll(async () => {
    two = await startTwoInstances();
  });
  afterAll(async () => two?.close());

  it('refuses the token on both at once and closes the socket on the other within a sweep', async () => {
    await createUser(two.a, 'op-two', 'operator');
    const token = await login(two.a.app, 'op-two', 'op-two-password');
    const { ended } = await screen(two.b.url, token);
    expect((await me(two.b, bearer(token))).statusCode).toBe(200);
    expect((await two.a.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) })).statusCode).toBe(200);
    expect((await me(two.b, bearer(token))).statusCode).toBe(401);
    // instance b learns it from its sweep (SESSION_SWEEP_MS), which cannot know the reason
    expect(await ended).toEqual({ reason: 'unknown', disconnect: 'io server disconnect' });
  });
});
