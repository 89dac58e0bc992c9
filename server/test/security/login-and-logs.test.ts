import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { bootstrapAdmin } from '../../src/modules/users-auth/bootstrap-admin.js';
import { loadConfig } from '../../src/config.js';
import { startTestApp } from '../helpers/test-app.js';

describe('brute-force login', () => {
  it('limits tries per username, whatever X-Forwarded-For says, and leaves other users alone', async () => {
    const t = await startTestApp({ config: { LOGIN_RATE_PER_MINUTE: 3 } });
    try {
      const attempt = (username: string, password: string, ip: string) =>
        t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-for': ip }, payload: { username, password } });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await attempt('admin', `guess-${i}`, `10.0.0.${i + 1}`)).statusCode);
      // startTestApp's own admin login used the first of the three.
      expect(statuses).toEqual([401, 401, 429, 429, 429, 429]);
      // The right password does not get through while the name is locked for the minute either.
      expect((await attempt('Admin', 'test-admin-password', '10.9.9.9')).statusCode).toBe(429);
      // Another name still has its own budget.
      expect((await attempt('someone-else', 'whatever-1', '10.0.0.1')).statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });
});

describe('no secrets in the logs', () => {
  const lines: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'lf-logs-'));
  let app: Awaited<ReturnType<typeof buildApp>>;
  let url = '';
  let generated: string | null = null;
  beforeAll(async () => {
    // No ADMIN_PASSWORD: the first start generates one (printed once by server.ts, never logged).
    const config = loadConfig({}, { PORT: 0, HOST: '127.0.0.1', LOG_LEVEL: 'trace', DATA_DIR: dir, LOGIN_RATE_PER_MINUTE: 1000 });
    app = await buildApp(config, { logStream: { write: (line: string) => void lines.push(line) } });
    generated = await bootstrapAdmin(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never writes a password, token or device key, through login, user and device creation, ingest and sockets', async () => {
    expect(generated).toMatch(/^[\w-]{16}$/);
    const post = (path: string, payload: object, authorization?: string) =>
      app.inject({ method: 'POST', url: path, payload, headers: authorization ? { authorization } : {} });
    const login = await post('/api/auth/login', { username: 'admin', password: generated! });
    expect(login.statusCode).toBe(200);
    const token = (login.json() as { token: string }).token;
    expect((await post('/api/auth/login', { username: 'admin', password: 'wrong-password-xyz' })).statusCode).toBe(401);
    const userPassword = 'operator-secret-4711';
    expect((await post('/api/users', { username: 'op', password: userPassword, role: 'operator' }, `Bearer ${token}`)).statusCode).toBe(201);
    // A bad request carrying a password must not echo it into the log either.
    expect((await post('/api/users', { username: 'x', password: 'short-secret-99', role: 'nope' }, `Bearer ${token}`)).statusCode).toBe(400);
    const device = await post('/api/devices', { name: 'gw', kind: 'alert_gateway', lat: 31.2, lon: 121.4 }, `Bearer ${token}`);
    const key = (device.json() as { key: string }).key;
    expect((await post('/ingest/alerts', { kind: 'panic' }, `Bearer ${key}`)).statusCode).toBe(202);
    expect((await app.inject({ url: '/api/state', cookies: { lf_session: token } })).statusCode).toBe(200);
    const socket = io(url, { path: '/socket.io', transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } });
    await new Promise<void>((resolve, reject) => {
      socket.once('state:snapshot', () => resolve());
      socket.once('connect_error', reject);
    });
    socket.disconnect();
    const secret = (await app.core.db.query<{ value: string }>("SELECT value FROM settings WHERE key = 'session_secret'"))[0]!.value;

    const log = lines.join('');
    // The log really captured this traffic (so the absence below means something).
    expect(log).toContain('created user admin');
    expect(log).toContain('/api/auth/login');
    expect(log).toContain('/ingest/alerts');
    for (const [name, value] of Object.entries({
      generated: generated!,
      userPassword,
      wrong: 'wrong-password-xyz',
      badRequest: 'short-secret-99',
      token,
      key,
      secret,
    })) {
      expect(log.includes(value), `${name} appears in the log`).toBe(false);
    }
    // And the token's signature half alone (a partial leak) does not appear either.
    expect(log.includes(token.split('.')[1]!)).toBe(false);
  });
});
