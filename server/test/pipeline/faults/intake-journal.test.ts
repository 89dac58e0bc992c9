import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeJournalledMessage, IntakeRecordedMessage } from '@lianfang/shared';
import { OwnPostgres } from '../../helpers/cluster/own-postgres.js';
import { OwnRedis } from '../../helpers/cluster/own-redis.js';
import { createGateway, postAlert } from '../../helpers/fixtures.js';
import { RecordingClient } from '../../helpers/socket-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const until = async (what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/**
 * PostgreSQL goes away (a cluster of this test's own, immediate shutdown —
 * never the shared one) while Redis (also its own) stays: every press is
 * accepted into the intake journal with a 202, shown on the screens as
 * "received, not yet recorded", and written once the database is back, in
 * order, exactly once — also when a writer died between a commit and the
 * journal's delete. With Redis gone too, intake refuses: 503 + Retry-After.
 */
describe('intake journal: PostgreSQL outage with Redis present', () => {
  let pgc: OwnPostgres;
  let redis: OwnRedis;
  let server: TestApp;
  let probe: Redis;
  const seconds: TestApp[] = [];
  const prefix = 'journal-test:';

  beforeAll(async () => {
    [pgc, redis] = await Promise.all([OwnPostgres.start(), OwnRedis.start()]);
    const admin = new pg.Client({ connectionString: pgc.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE lianfang');
    await admin.end();
    server = await startTestApp({ databaseUrl: pgc.url('lianfang'), redisUrl: redis.url, redisPrefix: prefix });
    probe = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    probe.on('error', () => {});
  });
  afterAll(async () => {
    probe?.disconnect();
    for (const s of seconds) await s.close().catch(() => {});
    await server?.close().catch(() => {});
    pgc?.destroy();
    await redis?.stop();
  });

  it('accepts every press while the database is down and records them in order, exactly once, when it returns', async () => {
    const app = server.app;
    const gateway = await createGateway(app, server.adminToken, 'night market gate', { lat: 31.23, lon: 121.47 });
    const other = await createGateway(app, server.adminToken, 'bus station gate', { lat: 31.26, lon: 121.45 });
    const screen = new RecordingClient(server.url, server.adminToken);
    const journalled: IntakeJournalledMessage[] = [];
    const recorded: IntakeRecordedMessage[] = [];
    screen.socket.on('intake:journalled', (m) => journalled.push(m));
    screen.socket.on('intake:recorded', (m) => recorded.push(m));
    await screen.connected();
    const second = await startTestApp({ databaseUrl: pgc.url('lianfang'), redisUrl: redis.url, redisPrefix: prefix });
    seconds.push(second);
    const before = await postAlert(app, gateway.key, { kind: 'panic', idempotencyKey: 'press-0' });
    expect(before.status).toBe(202);
    // The other gateway's key is known to this instance before the outage (as any gateway that pressed or was checked).
    expect((await postAlert(app, other.key, { kind: 'fire', idempotencyKey: 'other-0' })).status).toBe(202);

    pgc.crash();
    const bodies = [
      { kind: 'panic', note: 'outage 1' },
      { kind: 'fire', note: 'outage 2', idempotencyKey: 'press-2' },
      { kind: 'panic', note: 'outage 3' },
      // The gateway retries a press it sent before the outage: the journal must not make a second alert of it.
      { kind: 'panic', idempotencyKey: 'press-0' },
      // And retries one it sent during the outage: one alert for both.
      { kind: 'fire', note: 'outage 2', idempotencyKey: 'press-2' },
      { kind: 'medical', note: 'outage 6' },
    ];
    const replies = [];
    for (const body of bodies) replies.push(await postAlert(app, gateway.key, body));
    // The other gateway presses through a second instance that never looked its key up: the key is
    // known from the directory the first instance left in Redis, and the press joins the same journal.
    const fromOther = await postAlert(second.app, other.key, { kind: 'crime', note: 'outage other' });
    for (const r of [...replies, fromOther]) {
      expect(r.status).toBe(202);
      expect(r.body).toMatchObject({ journalled: true, journalId: expect.any(String), alertId: expect.any(String) });
    }
    expect(await probe.xlen(`${prefix}intake:journal`)).toBe(7);

    // Every screen is told at once, with the press's place and name, before anything is recorded.
    await until('the screen to hear of 7 journalled presses', () => journalled.flatMap((m) => m.presses).length === 7);
    const shown = journalled.flatMap((m) => m.presses);
    expect(shown.map((p) => p.alertId)).toEqual([...replies, fromOther].map((r) => r.body.alertId));
    expect(shown[0]).toMatchObject({ kind: 'panic', label: 'night market gate', lat: 31.23, lon: 121.47, note: 'outage 1' });

    // A writer took the lease and died after committing the first press, before deleting it from the journal.
    await probe.set(`${prefix}intake:lease`, 'dead-writer', 'PX', 1500);
    pgc.startServer();
    const [first] = await server.app.core.journal!.head(1);
    await until("the database to take the dead writer's press", async () => {
      try {
        await app.core.alerts.raise(first!.press);
        return true;
      } catch {
        return false;
      }
    });
    // The lease expires, this instance's writer takes over and writes the journal.
    await until('the journal to be written', async () => (await probe.xlen(`${prefix}intake:journal`)) === 0);
    await app.core.settle();

    const unordered = await app.core.db.query<{ id: string; note: string | null; kind: string; incident_id: string; received_at: Date }>(
      'SELECT id, note, kind, incident_id, received_at FROM alerts',
    );
    const receivedAt = new Map(unordered.map((r) => [r.id, r.received_at.getTime()]));
    const otherFirst = unordered.find((r) => r.kind === 'fire' && r.note === null)!.id;
    // In press order; two presses in the same millisecond share a receive time, so they sort by that order, not by id.
    const expected = [
      String(before.body.alertId),
      otherFirst, // the other gateway's first press
      ...[replies[0]!, replies[1]!, replies[2]!, replies[5]!, fromOther].map((r) => String(r.body.alertId)),
    ];
    const times = expected.map((id) => receivedAt.get(id));
    expect(times.every((t, i) => t !== undefined && (i === 0 || t >= times[i - 1]!))).toBe(true);
    expect(unordered.map((r) => r.id).sort()).toEqual([...expected].sort());
    const rows = expected.map((id) => unordered.find((r) => r.id === id)!);
    expect(rows.map((r) => r.note)).toEqual([null, null, 'outage 1', 'outage 2', 'outage 3', 'outage 6', 'outage other']);
    // The same join rule as live: one gateway's presses within the window are one incident.
    const panics = rows.filter((r) => r.kind === 'panic' && r.note !== 'outage other');
    expect(panics).toHaveLength(3);
    expect(new Set(panics.map((r) => r.incident_id)).size).toBe(1);

    // The screen got each alert once, in order, with no gap or duplicate, and every journal entry settled.
    await screen.waitForSeq(app.core.sequencer.applied);
    const seen = screen.received.filter((r) => r.event === 'alert:raised').map((r) => (r.payload.alert as { id: string }).id);
    expect(seen).toEqual(expected);
    expect(screen.gaps).toBe(0);
    expect(screen.duplicates).toBe(0);
    await until('every journalled press to be settled on the screen', () => recorded.flatMap((m) => m.recorded).length === 7);
    const settled = recorded.flatMap((m) => m.recorded);
    expect(settled.map((r) => r.journalId)).toEqual(shown.map((p) => p.journalId));
    // The retry of a press recorded before the outage settles as that alert.
    expect(settled[3]!.alertId).toBe(before.body.alertId);
    screen.close();
  });

  it('refuses with 503 and Retry-After when PostgreSQL and Redis are both down, acknowledging nothing', async () => {
    const app = server.app;
    const gateway = await createGateway(app, server.adminToken, 'harbour gate', { lat: 31.24, lon: 121.49 });
    expect((await postAlert(app, gateway.key, { kind: 'panic' })).status).toBe(202);
    pgc.crash();
    await redis.kill();
    const refused = await app.inject({
      method: 'POST',
      url: '/ingest/alerts',
      headers: { authorization: `Bearer ${gateway.key}` },
      payload: { kind: 'panic', note: 'both down' },
    });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json()).toMatchObject({ message: expect.stringContaining('nothing was recorded') });
    await redis.restart();
    pgc.startServer();
    await until('the database to answer', async () => {
      try {
        await app.core.db.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    });
    const notes = await app.core.db.query<{ note: string | null }>(`SELECT note FROM alerts WHERE note = 'both down'`);
    expect(notes).toEqual([]);
    expect(await probe.xlen(`${prefix}intake:journal`)).toBe(0);
  });
});
