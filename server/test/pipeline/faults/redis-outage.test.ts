import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OwnRedis } from '../../helpers/cluster/own-redis.js';
import { createGateway, postAlert } from '../../helpers/fixtures.js';
import { RecordingClient } from '../../helpers/socket-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createTestDatabase } from '../../helpers/test-services.js';

/**
 * The event bus goes away (a redis-server of our own, SIGKILL — never the
 * shared one) and comes back empty. Two instances keep serving: an alert taken
 * by A still reaches B's screen (B reads what was committed from PostgreSQL
 * when the stream is silent), /readyz says degraded, both recover by
 * themselves, and the screen sees every event once, in order.
 */
describe('Redis outage', () => {
  let redis: OwnRedis;
  let a: TestApp;
  let b: TestApp;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    const db = await createTestDatabase();
    drop = db.drop;
    a = await startTestApp({ databaseUrl: db.url, redisUrl: redis.url, redisPrefix: 'lf:' });
    b = await startTestApp({ databaseUrl: db.url, redisUrl: redis.url, redisPrefix: 'lf:' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
    await drop?.();
  });

  const readyz = async (t: TestApp) =>
    (await t.app.inject({ method: 'GET', url: '/readyz' })).json() as { status: string; eventLog: boolean; database: boolean };
  const until = async (check: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 100; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  it('keeps delivering across instances while Redis is down, reports degraded, and recovers by itself', async () => {
    const gateway = await createGateway(a.app, a.adminToken, 'stadium gate', { lat: 31.2, lon: 121.4 });
    await b.app.core.settle();
    const screen = new RecordingClient(b.url, b.adminToken);
    await screen.connected();
    const ids: string[] = [];
    const press = async (note: string) => {
      const res = await postAlert(a.app, gateway.key, { kind: 'panic', note });
      expect(res.status).toBe(202);
      ids.push(res.body.alertId as string);
    };
    await press('before');

    await redis.kill();
    await until(async () => (await readyz(a)).eventLog === false && (await readyz(b)).eventLog === false, 'degraded');
    expect(await readyz(b)).toMatchObject({ status: 'degraded', database: true, eventLog: false });
    await press('during 1');
    await press('during 2');
    await until(async () => screen.received.filter((r) => r.event === 'alert:raised').length === 3, 'alerts during the outage on B');

    await redis.restart();
    await until(async () => (await readyz(a)).status === 'ready' && (await readyz(b)).status === 'ready', 'ready again');
    await press('after');
    await a.app.core.settle();
    await screen.waitForSeq(a.app.core.sequencer.applied);

    const seen = screen.received.filter((r) => r.event === 'alert:raised').map((r) => (r.payload.alert as { id: string }).id);
    expect(seen).toEqual(ids);
    expect(screen.gaps).toBe(0);
    expect(screen.duplicates).toBe(0);
    const seqs = screen.received.map((r) => r.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(screen.coveredSeqs().at(-1)).toBe(a.app.core.sequencer.applied);
    screen.close();
  });
});
