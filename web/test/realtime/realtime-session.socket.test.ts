// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useUnitsStore } from '../../src/features/units/units.store';
import { useCommandOutboxStore } from '../../src/realtime/outbox/command-outbox.store';
import { startRealtimeSession, type RealtimeSession } from '../../src/realtime/realtime-session';
import { useSocketStore } from '../../src/realtime/socket.store';
import { unit } from '../support/fixtures';
import { SequencedSocketServer } from '../support/sequenced-socket-server';
import { freshPinia } from '../support/test-app';

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('realtime session against a real Socket.IO server', () => {
  let server: SequencedSocketServer;
  let session: RealtimeSession | null = null;

  beforeEach(async () => {
    freshPinia();
    server = new SequencedSocketServer();
  });

  afterEach(async () => {
    session?.stop();
    session = null;
    await server.close();
  });

  it('takes a snapshot, applies live events, resumes a gap, and catches up after a reconnect by replay', async () => {
    server.publish(unit({ id: 'u1', status: 'available' }));
    server.publish(unit({ id: 'u2', status: 'available' }));
    const url = await server.listen();
    session = startRealtimeSession({ url, onUnauthorized: () => {} });
    const units = useUnitsStore();
    const socket = useSocketStore();

    await until(() => socket.hasBaseline, 'the snapshot');
    expect(server.handshakes[0]?.lastSeq).toBeUndefined();
    expect(units.count).toBe(2);
    expect(socket.lastSeq).toBe(2);

    server.publish(unit({ id: 'u1', status: 'busy' }));
    await until(() => socket.lastSeq === 3, 'live seq 3');
    expect(units.get('u1')?.status).toBe('busy');

    // Seq 4 is lost on the way; seq 5 arrives and reveals the hole.
    server.publish(unit({ id: 'u2', status: 'en_route' }), { deliver: false });
    server.publish(unit({ id: 'u2', status: 'on_scene' }));
    await until(() => socket.lastSeq === 5, 'resume up to seq 5');
    expect(server.resumes).toEqual([3]);
    expect(units.get('u2')?.status).toBe('on_scene');

    // The network drops; two events happen meanwhile; the reconnect handshake carries lastSeq.
    server.cutAllConnections();
    await until(() => socket.state !== 'live', 'the drop to be noticed');
    server.publish(unit({ id: 'u1', status: 'on_scene' }), { deliver: false });
    server.publish(unit({ id: 'u3', status: 'available' }), { deliver: false });
    await until(() => socket.lastSeq === 7 && socket.state === 'live', 'catch-up after reconnect', 10_000);
    expect(server.handshakes.at(-1)?.lastSeq).toBe(5);
    expect(server.snapshotsSent).toBe(1);
    expect(units.get('u1')?.status).toBe('on_scene');
    expect(units.get('u3')).toBeDefined();
  });
});

describe('a replaced database', () => {
  let server: SequencedSocketServer;
  let session: RealtimeSession | null = null;

  beforeEach(() => {
    freshPinia();
    server = new SequencedSocketServer();
  });

  afterEach(async () => {
    session?.stop();
    session = null;
    await server.close();
  });

  it('sends its history with lastSeq, and a restored database past that seq gives a snapshot, not a replay of other events', async () => {
    server.publish(unit({ id: 'old-1', status: 'available' }));
    server.publish(unit({ id: 'old-2', status: 'busy' }));
    server.publish(unit({ id: 'old-3', status: 'available' }));
    const url = await server.listen();
    session = startRealtimeSession({ url, onUnauthorized: () => {} });
    const units = useUnitsStore();
    const socket = useSocketStore();
    await until(() => socket.hasBaseline && socket.lastSeq === 3, 'the first snapshot');
    expect(socket.history).toBe('history-1');

    // The database is restored from a backup and moves past the screen's seq before it reconnects.
    server.cutAllConnections();
    await until(() => socket.state !== 'live', 'the drop to be noticed');
    server.replaceDatabase('history-2');
    for (let i = 1; i <= 5; i++) server.publish(unit({ id: `new-${i}`, status: 'available' }), { deliver: false });
    await until(() => socket.history === 'history-2' && socket.state === 'live', 'the snapshot of the new history', 10_000);

    expect(server.handshakes.at(-1)).toEqual({ lastSeq: 3, history: 'history-1' });
    expect(server.snapshotsSent).toBe(2);
    expect(socket.lastSeq).toBe(5);
    // Nothing of the database that is gone, everything of the new one.
    expect(units.get('old-1')).toBeUndefined();
    expect([1, 2, 3, 4, 5].every((i) => units.get(`new-${i}`))).toBe(true);
  });
});

describe('version skew', () => {
  let server: SequencedSocketServer;
  let session: RealtimeSession | null = null;

  beforeEach(() => {
    freshPinia();
    server = new SequencedSocketServer();
  });

  afterEach(async () => {
    session?.stop();
    session = null;
    await server.close();
  });

  it('steps over a sequenced event it has no handler for instead of resuming forever', async () => {
    server.publish(unit({ id: 'u1' }));
    const url = await server.listen();
    session = startRealtimeSession({ url, onUnauthorized: () => {} });
    const socket = useSocketStore();
    await until(() => socket.hasBaseline, 'the snapshot');
    const warn = console.warn;
    console.warn = () => {};
    try {
      server.publishUnknown('patrol_plan:changed');
      server.publish(unit({ id: 'u1', status: 'busy' }));
      await until(() => socket.lastSeq === 3, 'seq 3');
    } finally {
      console.warn = warn;
    }
    expect(server.resumes).toEqual([]);
    expect(useUnitsStore().get('u1')?.status).toBe('busy');
  });
});

describe('offline command queue over a real Socket.IO server', () => {
  let server: SequencedSocketServer;
  let session: RealtimeSession | null = null;

  beforeEach(() => {
    freshPinia();
    server = new SequencedSocketServer();
  });

  afterEach(async () => {
    session?.stop();
    session = null;
    await server.close();
  });

  it('keeps commands made while disconnected and sends them when back: the SOS first, positions in order with their original times', async () => {
    const url = await server.listen();
    const outbox = useCommandOutboxStore();
    outbox.loadFor('captain');
    session = startRealtimeSession({ url, onUnauthorized: () => {} });
    const socket = useSocketStore();
    await until(() => socket.state === 'live', 'connected');

    session.socket.disconnect();
    await until(() => socket.state === 'offline', 'offline');
    outbox.enqueue({
      id: 'p1',
      kind: 'position:report',
      createdAt: '2025-01-01T08:00:00.000Z',
      payload: { lat: 30.1, lon: 120.1, at: '2025-01-01T08:00:00.000Z' },
    });
    outbox.enqueue({
      id: 'p2',
      kind: 'position:report',
      createdAt: '2025-01-01T08:00:05.000Z',
      payload: { lat: 30.2, lon: 120.2, at: '2025-01-01T08:00:05.000Z' },
    });
    outbox.enqueue({ id: 'sos-1', kind: 'alert:raise', createdAt: '2025-01-01T08:00:07.000Z', payload: { kind: 'sos', lat: 30.2, lon: 120.2 } });
    await new Promise((r) => setTimeout(r, 100));
    expect(server.commands).toEqual([]);
    expect(outbox.pendingCount).toBe(3);

    session.socket.connect();
    await until(() => outbox.pendingCount === 0, 'the queue to drain');
    expect(server.commands.map((c) => c.event)).toEqual(['alert:raise', 'position:report', 'position:report']);
    expect(server.commands[0]?.payload).toMatchObject({ kind: 'sos', idempotencyKey: 'sos-1' });
    expect(server.commands.slice(1).map((c) => (c.payload as { at: string }).at)).toEqual(['2025-01-01T08:00:00.000Z', '2025-01-01T08:00:05.000Z']);
    expect(outbox.outcomes['sos-1']?.result.outcome).toBe('delivered');
  });
});
