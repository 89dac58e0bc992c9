import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket as NetSocket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { bootstrapAdmin } from '../../src/modules/users-auth/bootstrap-admin.js';
import { loadConfig } from '../../src/config.js';
import { migrate } from '../../src/db/migrate.js';
import { createPgliteDatabase } from '../../src/db/pglite-database.js';
import { createGateway, postAlert } from '../helpers/fixtures.js';
import { RecordingClient } from '../helpers/socket-client.js';
import { OPS_ROOM } from '../../src/transport/socket/broadcaster.js';
import { ADMIN_PASSWORD, api, login } from '../helpers/test-app.js';

const UNITS = 300;
/** Unsequenced filler sent to every screen each round: compact position batches alone would take minutes to fill a stalled link's kernel buffers. */
const BALLAST = 'x'.repeat(256 * 1024);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The client's TCP socket under Socket.IO and engine.io: pausing it is a screen whose link stopped draining. */
const tcpOf = (client: RecordingClient) => (client.socket.io.engine.transport as unknown as { ws: { _socket: NetSocket } }).ws._socket;

describe('slow consumer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lf-slow-'));
  let app: Awaited<ReturnType<typeof buildApp>>;
  let url = '';
  let token = '';
  beforeAll(async () => {
    const db = await createPgliteDatabase();
    await migrate(db);
    await db.query(
      `INSERT INTO units (id, callsign, force, mode, tracker_id) SELECT 'u' || g, 'U' || g, 'police', 'car', 't' || g FROM generate_series(1, ${UNITS}) g`,
    );
    const config = loadConfig(
      {},
      {
        PORT: 0,
        HOST: '127.0.0.1',
        ADMIN_PASSWORD,
        LOG_LEVEL: 'silent',
        DATA_DIR: dir,
        POSITION_FLUSH_MS: 50,
        SOCKET_MAX_PENDING_BYTES: 1024 * 1024,
        INGEST_RATE_PER_SECOND: 100_000,
        LOGIN_RATE_PER_MINUTE: 1000,
      },
    );
    app = await buildApp(config, { db, logger: false });
    await bootstrapAdmin(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    token = await login(app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('drops the stalled screen to a snapshot while the healthy one gets every event, and both end gap-free at the same seq', async () => {
    expect((await api(app, token, 'POST', '/api/users', { username: 'wall2', password: 'wall2-password', role: 'operator' })).status).toBe(201);
    const healthy = new RecordingClient(url, token);
    const slow = new RecordingClient(url, await login(app, 'wall2', 'wall2-password'), { reconnection: true });
    await Promise.all([healthy.connected(), slow.connected()]);
    await Promise.all([healthy.waitForSeq(0), slow.waitForSeq(0)]);
    const gateway = await createGateway(app, token, 'slow-gw', { lat: 31.2, lon: 121.4 });
    let disconnects = 0;
    slow.socket.on('disconnect', () => disconnects++);
    let healthyDisconnects = 0;
    healthy.socket.on('disconnect', () => healthyDisconnects++);

    const t0 = Date.now();
    // Held here: once the server drops the screen, engine.io lets go of its transport.
    const slowTcp = tcpOf(slow);
    slowTcp.pause();
    const alertIds: string[] = [];
    const drops = async () => (await app.core.metrics.slowConsumerDrops.get()).values[0]?.value ?? 0;
    // Bounded: 400 rounds of 60 ms at most; it takes a few dozen here (the kernel's socket buffers fill first),
    // well inside the 25 s after which the paused client's own ping timeout would reconnect it anyway.
    for (let round = 0; round < 400; round++) {
      for (let i = 1; i <= UNITS; i++) {
        app.core.positions.accept({
          unitId: `u${i}`,
          lat: 31.2 + i * 1e-4 + round * 1e-5,
          lon: 121.4 + round * 1e-5,
          deviceTimeMs: t0 + round * 1000,
          speedKmh: 30,
          heading: 90,
          accuracyM: 5,
          altitudeM: null,
          battery: 80,
        });
      }
      (app.io.to(OPS_ROOM).emit as (event: string, payload: string) => void)('test:ballast', BALLAST);
      if (round % 10 === 5) alertIds.push((await postAlert(app, gateway.key, { kind: 'panic', note: `round ${round}` })).body.incidentId as string);
      await sleep(60);
      if (round % 10 === 9 && (await drops()) > 0) break;
    }
    expect(await drops()).toBe(1);
    // More happens while the dropped screen is still away.
    alertIds.push((await postAlert(app, gateway.key, { kind: 'fire', note: 'after the drop' })).body.incidentId as string);
    slowTcp.resume();
    await app.core.settle();
    const target = app.core.sequencer.applied;
    await Promise.all([healthy.waitForSeq(target, 20_000), slow.waitForSeq(target, 20_000)]);

    // The healthy screen: never dropped, every seq from its snapshot on, in order.
    expect(healthyDisconnects).toBe(0);
    expect(healthy.gaps).toBe(0);
    expect(healthy.duplicates).toBe(0);
    const covered = healthy.coveredSeqs();
    const from = healthy.snapshots[0]!.seq + 1;
    expect(covered).toEqual(Array.from({ length: target - from + 1 }, (_, i) => from + i));
    expect(healthy.received.filter((r) => r.event === 'alert:raised').length).toBe(alertIds.length);

    // The slow screen: dropped once, came back to a snapshot (not a replay), no gap, holds every incident.
    expect(disconnects).toBe(1);
    expect(slow.snapshots).toHaveLength(2);
    expect(slow.gaps).toBe(0);
    expect(slow.duplicates).toBe(0);
    const last = slow.snapshots[1]!;
    for (const id of new Set(alertIds))
      expect(
        last.incidents.map((i) => i.id),
        id,
      ).toContain(id);
    expect(slow.lastSeq).toBe(target);
    healthy.close();
    slow.close();
  });
});
