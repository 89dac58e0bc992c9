import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, Role, ServerToClientEvents } from '@lianfang/shared';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { ALL, SOCKET_POLICY } from './access-policy.js';
import { loginEveryRole, type RoleLogins } from './role-fixtures.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Connects with the given auth; resolves with the socket once the snapshot came, or with the refusal. */
function connect(url: string, auth: Record<string, unknown>): Promise<{ socket: Client; refused: string | null }> {
  const socket: Client = io(url, { path: '/socket.io', transports: ['websocket'], forceNew: true, reconnection: false, auth });
  return new Promise((resolve) => {
    socket.once('state:snapshot', () => resolve({ socket, refused: null }));
    socket.once('connect_error', (err) => resolve({ socket, refused: err.message }));
  });
}

/** What every command is sent with: empty where that is enough to meet the guard (validation comes after it). */
const PROBE: Record<keyof ClientToServerEvents, object> = {
  'sync:resume': { lastSeq: 0 },
  'position:report': {},
  'alert:raise': {},
  'dispatch:candidates': {},
};

const adminId = async (t: TestApp) => (await t.app.core.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'admin'"))[0]!.id;

describe('socket events and roles', () => {
  let t: TestApp;
  let who: RoleLogins;
  const open: Client[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    who = await loginEveryRole(t);
  });
  afterAll(async () => {
    for (const s of open) s.disconnect();
    await t?.close();
  });

  it('refuses a socket without a login, with a forged or expired token, or with a device key', async () => {
    const expired = (await t.app.core.sessions.open(await adminId(t), { address: null, userAgent: null }, Date.now() - 13 * 3600_000)).token;
    for (const auth of [{}, { token: 'garbage' }, { token: expired }, { token: who.deviceKey }, { token: `${who.tokens.admin}x` }]) {
      const { socket, refused } = await connect(t.url, auth);
      open.push(socket);
      expect(refused, JSON.stringify(auth).slice(0, 40)).toMatch(/^unauthorized/);
      expect(socket.connected).toBe(false);
    }
  });

  it('answers every client command for the roles that may send it, and refuses the others', async () => {
    const wrong: string[] = [];
    for (const role of ALL) {
      const { socket, refused } = await connect(t.url, { token: who.tokens[role] });
      open.push(socket);
      expect(refused, role).toBeNull();
      for (const [event, policy] of Object.entries(SOCKET_POLICY) as [keyof ClientToServerEvents, (typeof SOCKET_POLICY)[keyof ClientToServerEvents]][]) {
        const reply = (await (socket.timeout(5000).emitWithAck as (e: string, p: object) => Promise<{ error?: string }>)(event, PROBE[event])) ?? {};
        const forbidden = typeof reply.error === 'string' && /^forbidden/.test(reply.error);
        const allowed = policy.roles.includes(role as Role);
        if (allowed === forbidden) wrong.push(`${role} ${event} → ${JSON.stringify(reply).slice(0, 80)} (allowed: ${allowed})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('ends a socket when its login expires', async () => {
    const hours = t.app.core.config.SESSION_HOURS;
    const { token: shortLived } = await t.app.core.sessions.open(await adminId(t), { address: null, userAgent: null }, Date.now() - hours * 3600_000 + 1000);
    const { socket, refused } = await connect(t.url, { token: shortLived });
    open.push(socket);
    expect(refused).toBeNull();
    const reason = await new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect(reason).toBe('io server disconnect');
  });
});
