import type { Role } from '@lianfang/shared';
import { io as connect, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrityErrorOf } from '../../src/db/integrity-errors.js';
import { errorForLog } from '../../src/observability/log-serializers.js';
import { PAYLOAD_LIMITS } from '../../src/transport/socket/payload-limits.js';
import { onCommand, type CommandName } from '../../src/transport/socket/socket-command.js';
import { RawSocket } from '../helpers/raw-socket.js';
import { api, startTestApp, type TestApp } from '../helpers/test-app.js';
import { loginEveryRole, type RoleLogins } from './role-fixtures.js';

// Issue 14: the findings about crashes and bad input, each pinned by a test that failed before its fix.
type AckReply = { data?: unknown; error?: string; details?: { field: string; message: string }[] };
/** `[[[…]]]` nested `levels` deep as JSON text: 10 KB for 5,000 levels (the real client's encoder cannot even send it). */
const deepJson = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);

describe('hostile input', () => {
  let t: TestApp;
  let roles: RoleLogins;
  const log: string[] = [];
  const escaped: unknown[] = [];
  const onEscape = (err: unknown) => void escaped.push(err);
  const sockets: Socket[] = [];
  beforeAll(async () => {
    process.on('uncaughtException', onEscape);
    t = await startTestApp({ logStream: { write: (line) => void log.push(line) } });
    roles = await loginEveryRole(t);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t?.close();
    process.off('uncaughtException', onEscape);
  });

  const socketOf = async (role: Role): Promise<Socket> => {
    const socket = connect(t.url, { path: '/socket.io', transports: ['websocket'], forceNew: true, reconnection: false, auth: { token: roles.tokens[role] } });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  };
  const ask = (socket: Socket, event: string, ...args: unknown[]) => socket.timeout(5000).emitWithAck(event, ...args) as Promise<AckReply>;
  const stillServing = async (socket: Socket) => {
    expect(escaped, 'an exception escaped to the process').toEqual([]);
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect(socket.connected).toBe(true);
    expect((await ask(socket, 'sync:resume', { lastSeq: 0 })).data).toBeDefined();
  };

  describe('finding 2: deeply nested socket payloads', () => {
    it.each([
      ['manager', 'dispatch:candidates'],
      ['captain', 'alert:raise'],
      ['captain', 'position:report'],
      ['operator', 'sync:resume'],
      ['admin', 'alert:raise'],
    ] as const)('%s sends %s nested 5,000 levels deep: refused naming the field, the server lives', async (role, event) => {
      const socket = await socketOf(role);
      const raw = await RawSocket.open(t.url, roles.tokens[role]);
      const reply = (await raw.ask(event, `{"lat":31.2,"lon":121.4,"kind":"sos","lastSeq":0,"nested":${deepJson(5000)}}`)) as AckReply;
      raw.close();
      expect(reply.error).toContain(`deeper than ${PAYLOAD_LIMITS.maxDepth} levels`);
      expect(reply.details?.[0]?.field).toMatch(/^nested(\.0)+$/);
      await stillServing(socket);
    });

    it('refuses a huge array, a huge string and binary before any handler', async () => {
      const socket = await socketOf('manager');
      const huge = await ask(socket, 'dispatch:candidates', { lat: 31.2, lon: 121.4, units: Array.from({ length: 20_000 }, (_, i) => i) });
      expect(huge.details).toEqual([{ field: 'units', message: `holds more than ${PAYLOAD_LIMITS.maxNodes} values in all` }]);
      const long = await ask(socket, 'dispatch:candidates', { lat: 31.2, lon: 121.4, note: 'x'.repeat(PAYLOAD_LIMITS.maxStringLength + 1) });
      expect(long.details?.[0]?.field).toBe('note');
      const binary = await ask(socket, 'dispatch:candidates', Buffer.alloc(16));
      expect(binary.error).toContain('binary');
      await stillServing(socket);
    });

    it("socket.io's own parser: a 100,000-deep packet, as text and as a binary event, closes at most that one connection", async () => {
      const probe = await socketOf('operator');
      const deep = deepJson(100_000);
      for (const frames of [[`421["alert:raise",${deep}]`], [`451-2["alert:raise",{"_placeholder":true,"num":0},${deep}]`, Buffer.from([1, 2, 3])]]) {
        const ws = new WebSocket(`${t.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
        await new Promise<void>((resolve) => {
          ws.on('message', (data: Buffer) => {
            const text = data.toString();
            if (text.startsWith('0{')) ws.send(`40${JSON.stringify({ token: roles.tokens.captain })}`);
            if (text.startsWith('40{')) for (const frame of frames) ws.send(frame);
            if (text.startsWith('43')) ws.close();
          });
          ws.on('close', () => resolve());
          ws.on('error', () => resolve());
          setTimeout(() => {
            ws.close();
            resolve();
          }, 3000);
        });
      }
      await stillServing(probe);
    });
  });

  describe('finding 1 (in process): every handler is guarded', () => {
    it('a throwing or rejecting handler answers the ack with an error and is logged; a missing or non-function ack is dropped', async () => {
      // A command that fails the way a bug would, registered through the same guard as the real ones.
      t.app.io.on('connection', (s) => {
        onCommand(s, 'test:throws' as CommandName, () => {
          throw new Error('handler bug');
        });
        onCommand(s, 'test:rejects' as CommandName, async () => {
          throw new Error('async handler bug');
        });
      });
      const socket = await socketOf('operator');
      expect((await ask(socket, 'test:throws', {})).error).toMatch(/server error/);
      expect((await ask(socket, 'test:rejects', {})).error).toMatch(/server error/);
      // No payload, just the ack: answered, the missing payload named.
      expect((await ask(socket, 'alert:raise')).error).toBeTruthy();
      socket.emit('alert:raise', { kind: 'sos' }, 'not-a-function');
      socket.emit('dispatch:candidates', { lat: 1, lon: 2 });
      await stillServing(socket);
      expect(log.join('')).toContain('handler bug');
    });

    it('a NUL in a socket payload is refused naming the field', async () => {
      const socket = await socketOf('captain');
      const reply = await ask(socket, 'alert:raise', { kind: 'sos', note: 'a\u0000b' });
      expect(reply.details?.[0]?.field).toBe('note');
      await stillServing(socket);
    });
  });

  describe('finding 3: no type coercion for JSON bodies', () => {
    const incident = (lat: unknown) => ({ category: 'other', priority: 'P3', title: 'coercion', lat, lon: 121.4 });
    it.each([
      ['"Infinity"', 'Infinity'],
      ['null', null],
      ['"31.2"', '31.2'],
      ['true', true],
      ['[31.2]', [31.2]],
    ])('lat %s is a 400 naming lat', async (_label, lat) => {
      const res = await api<{ field?: string }>(t.app, t.adminToken, 'POST', '/api/incidents', incident(lat));
      expect(res.status).toBe(400);
      expect(res.body.field).toBe('lat');
    });
    it('1e999 (Infinity once parsed) is a 400 naming the field, over REST and over the socket', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/incidents',
        headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'application/json' },
        payload: '{"category":"other","priority":"P3","title":"x","lat":31.2,"lon":1e999}',
      });
      expect([res.statusCode, (res.json() as { field: string }).field]).toEqual([400, 'lon']);
      const raw = await RawSocket.open(t.url, roles.tokens.manager);
      const reply = (await raw.ask('dispatch:candidates', '{"lat":-1e999,"lon":121.4}')) as AckReply;
      raw.close();
      expect(reply.details?.[0]?.field).toBe('lat');
    });
    it('a query string is still read as numbers', async () => {
      expect((await api(t.app, t.adminToken, 'GET', '/api/admin/audit?limit=5')).status).toBe(200);
      expect((await api(t.app, t.adminToken, 'GET', '/api/admin/audit?limit=abc')).status).toBe(400);
    });
  });

  describe('finding 5: control characters and database integrity errors are 4xx naming the field', () => {
    let incidentId = '';
    beforeAll(async () => {
      const res = await api<{ id: string }>(t.app, t.adminToken, 'POST', '/api/incidents', {
        category: 'other',
        priority: 'P3',
        title: 'ok',
        lat: 31.2,
        lon: 121.4,
      });
      incidentId = res.body.id;
    });
    const ring = [
      [121.4, 31.2],
      [121.41, 31.2],
      [121.41, 31.21],
      [121.4, 31.2],
    ];
    const cases: { method: 'GET' | 'POST'; path: string; body?: object; field: string }[] = [
      { method: 'POST', path: '/api/incidents', body: { category: 'other', priority: 'P3', title: 'a\u0000b', lat: 31.2, lon: 121.4 }, field: 'title' },
      { method: 'POST', path: '/api/incidents/:id/escalate', body: { reason: 'x\u0000' }, field: 'reason' },
      { method: 'POST', path: '/api/key-areas', body: { name: 'n\u0000', ring, everyMinutes: 30, from: '00:00', to: '00:00' }, field: 'name' },
      { method: 'POST', path: '/api/devices', body: { name: 'gw\u0000', kind: 'alert_gateway' }, field: 'name' },
      { method: 'GET', path: '/api/admin/audit?actor=%00', field: 'actor' },
      { method: 'POST', path: '/api/units', body: { callsign: 'bell\u0007', force: 'police', mode: 'car' }, field: 'callsign' },
    ];
    it.each(cases)('$method $path with a control character → 400 naming $field', async ({ method, path, body, field }) => {
      const res = await api<{ field?: string }>(t.app, t.adminToken, method, path.replace(':id', incidentId), body);
      expect(res.status).toBe(400);
      expect(res.body.field).toBe(field);
    });
    it('tab, line feed and carriage return stay allowed', async () => {
      expect((await api(t.app, t.adminToken, 'POST', `/api/incidents/${incidentId}/escalate`, { reason: 'line one\r\n\tline two' })).status).toBe(200);
    });
    it('POST /ingest/alerts with a NUL in the note → 400 naming note', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/ingest/alerts',
        headers: { authorization: `Bearer ${roles.deviceKey}` },
        payload: { kind: 'panic', note: 'n\u0000' },
      });
      expect(res.statusCode).toBe(400);
      expect((res.json() as { field: string }).field).toBe('note');
    });
    it.each(['teamId', 'unitId'])('POST /api/users with an unknown %s → 422 naming it', async (field) => {
      const res = await api<{ field?: string }>(t.app, t.adminToken, 'POST', '/api/users', {
        username: `u-${field}`,
        password: 'a-long-password',
        role: 'operator',
        [field]: '00000000-0000-4000-8000-000000000000',
      });
      expect(res.status).toBe(422);
      expect(res.body.field).toBe(field);
    });
    it('a foreign key, unique or format error of the real database maps to a 4xx naming the column', async () => {
      const failing = async (sql: string, params: unknown[]) =>
        t.app.core.db.query(sql, params).then(
          () => null,
          (err: unknown) => err,
        );
      const fk = integrityErrorOf(
        await failing("INSERT INTO users (id, username, password_hash, role, team_id) VALUES (gen_random_uuid(), 'fk', '$argon2id$x', 'operator', $1)", [
          '00000000-0000-4000-8000-000000000000',
        ]),
      );
      expect([fk?.kind, fk?.field]).toEqual(['unprocessable', 'teamId']);
      const unique = integrityErrorOf(
        await failing("INSERT INTO users (id, username, password_hash, role) VALUES (gen_random_uuid(), 'admin', '$argon2id$x', 'operator')", []),
      );
      expect([unique?.kind, unique?.field]).toEqual(['conflict', 'username']);
      const format = integrityErrorOf(await failing('SELECT 1 FROM users WHERE created_at > $1', ['not-a-time']));
      expect(format?.kind).toBe('invalid');
    });
  });

  describe('finding 4: no secrets in the log', () => {
    it('user creation with unknown references and a device with a NUL in its name log no password hash, no key hash, no query string', async () => {
      const lines = log.length;
      for (const field of ['teamId', 'unitId'])
        await api(t.app, t.adminToken, 'POST', '/api/users', {
          username: `log-${field}`,
          password: 'a-long-password',
          role: 'operator',
          [field]: '00000000-0000-4000-8000-000000000001',
        });
      await api(t.app, t.adminToken, 'POST', '/api/devices', { name: 'gw\u0000', kind: 'alert_gateway' });
      await api(t.app, t.adminToken, 'GET', '/api/admin/audit?actor=secret-in-query');
      const written = log.slice(lines).join('');
      expect(written).toContain('/api/admin/audit');
      expect(written).not.toContain('$argon2');
      expect(written).not.toMatch(/"params"|"parameters"|"detail"/);
      expect(written).not.toMatch(/[0-9a-f]{64}/);
      expect(written).not.toContain('secret-in-query');
    });
    it('a database error, as logged, carries its names and never its parameters', async () => {
      const err = await t.app.core.db
        .query("INSERT INTO users (id, username, password_hash, role, team_id) VALUES (gen_random_uuid(), 'p', $1, 'operator', $2)", [
          '$argon2id$v=19$secret',
          '00000000-0000-4000-8000-000000000000',
        ])
        .catch((e: unknown) => e);
      const line = JSON.stringify(errorForLog(err));
      expect(line).toContain('23503');
      expect(line).not.toContain('$argon2');
      expect(line).not.toContain('00000000-0000-4000-8000-000000000000');
    });
  });
});
