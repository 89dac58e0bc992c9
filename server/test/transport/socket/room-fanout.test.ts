import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createRoomFanout, type FanoutCounters } from '../../../src/transport/socket/room-fanout.js';
import type { LianfangServer } from '../../../src/transport/socket/socket-types.js';

// A real Socket.IO server and real clients: the fan-out writes to engine.io and ws internals,
// so only the real libraries can show it still delivers, in order, after an upgrade of either.
let http: HttpServer | undefined;
let io: LianfangServer | undefined;
const clients: ClientSocket[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await new Promise<void>((r) => (io ? io.close(() => r()) : r()));
  io = undefined;
  http = undefined;
});

async function start(): Promise<{ url: string; server: LianfangServer }> {
  http = createServer();
  const server: LianfangServer = new Server(http);
  io = server;
  server.on('connection', (socket) => void socket.join('ops'));
  await new Promise<void>((r) => http!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, server };
}

/** Connects and records every event it receives as [event, payload]. */
async function client(url: string, transports: ('websocket' | 'polling')[], upgrade = true) {
  const socket = connect(url, { transports, upgrade, forceNew: true });
  clients.push(socket);
  const got: [string, unknown][] = [];
  socket.onAny((event: string, payload: unknown) => got.push([event, payload]));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, got };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

async function joined(server: LianfangServer, n: number): Promise<void> {
  await until(() => (server.of('/').adapter.rooms.get('ops')?.size ?? 0) === n, `${n} sockets in the room`);
}

describe('room fan-out', () => {
  it('delivers each event once, whole and in order, to WebSocket and long-polling clients alike', async () => {
    const { url, server } = await start();
    const counters: FanoutCounters = { direct: 0, queued: 0 };
    const fanout = createRoomFanout(server, counters);
    const ws = await client(url, ['websocket']);
    const polling = await client(url, ['polling'], false);
    await joined(server, 2);

    const payloads = Array.from({ length: 50 }, (_, i) => ({ seq: i + 1, text: `警报 ${i} "quoted" \\ ✓` }));
    for (const p of payloads) fanout('ops', 'alert:raised', p);
    fanout('nobody-here', 'alert:raised', { seq: 999 });

    await until(() => ws.got.length === 50 && polling.got.length === 50, 'all 50 events on both clients');
    for (const c of [ws, polling]) expect(c.got).toEqual(payloads.map((p) => ['alert:raised', p]));
    // The WebSocket client took the direct path, the polling one engine.io's.
    expect(counters.direct).toBe(50);
    expect(counters.queued).toBe(50);
  });

  it('keeps order with messages sent through engine.io to the same socket in between', async () => {
    const { url, server } = await start();
    const counters: FanoutCounters = { direct: 0, queued: 0 };
    const fanout = createRoomFanout(server, counters);
    const ws = await client(url, ['websocket']);
    await joined(server, 1);
    const socket = [...server.of('/').sockets.values()][0]!;

    // A per-socket emit leaves engine.io's transport busy until its write completes, so the
    // next per-socket emit waits in engine.io's buffer: the fan-out must then queue behind it.
    const big = 'x'.repeat(200_000);
    const expected: unknown[] = [];
    for (let i = 0; i < 40; i++) {
      (socket.emit as (e: string, p: unknown) => void)('direct', { i, big: i % 2 === 0 ? big : '' });
      expected.push(['direct', i]);
      fanout('ops', 'room', { i });
      expected.push(['room', i]);
    }
    await until(() => ws.got.length === 80, 'all 80 messages');
    expect(ws.got.map(([e, p]) => [e, (p as { i: number }).i])).toEqual(expected);
    expect(counters.direct + counters.queued).toBe(40);
    expect(counters.queued).toBeGreaterThan(0);
  });

  it('skips sockets that are closing and reaches the rest', async () => {
    const { url, server } = await start();
    const counters: FanoutCounters = { direct: 0, queued: 0 };
    const fanout = createRoomFanout(server, counters);
    const a = await client(url, ['websocket']);
    const b = await client(url, ['websocket']);
    await joined(server, 2);
    const [first] = [...server.of('/').sockets.values()];
    first!.conn.close();
    fanout('ops', 'alert:raised', { seq: 1 });
    const survivor = first!.id === a.socket.id ? b : a;
    await until(() => survivor.got.length === 1, 'the open socket to get the event');
    expect(survivor.got).toEqual([['alert:raised', { seq: 1 }]]);
    expect(counters.direct).toBe(1);
  });
});
