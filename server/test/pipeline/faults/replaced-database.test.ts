import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createGateway, postAlert } from '../../helpers/fixtures.js';
import { RecordingClient } from '../../helpers/socket-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { PG_ADMIN_URL, REDIS_URL, createTestDatabase, testRedisPrefix } from '../../helpers/test-services.js';

/**
 * Issue 15: the Redis stream outlives the database it mirrors. The database
 * behind two instances is replaced (a new empty one, or a restore from a
 * backup taken earlier) while Redis keeps the stream. After both instances
 * restart, a screen on B must get every new alert taken by A, with no gap and
 * never an event of the database that is gone.
 */
describe('database replaced behind a running Redis', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
  });

  const admin = async <T>(work: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.end();
    }
  };
  const nameOf = (url: string) => new URL(url).pathname.slice(1);
  /** Drops the database and creates it again under the same name: empty, or as a copy of `template` (a restore). */
  const recreate = (url: string, template?: string) =>
    admin(async (c) => {
      await c.query(`DROP DATABASE ${nameOf(url)} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${nameOf(url)}${template ? ` TEMPLATE ${template}` : ''}`);
    });

  async function startBoth(url: string, prefix: string): Promise<{ a: TestApp; b: TestApp; stop(): Promise<void> }> {
    const a = await startTestApp({ databaseUrl: url, redisUrl: REDIS_URL, redisPrefix: prefix });
    const b = await startTestApp({ databaseUrl: url, redisUrl: REDIS_URL, redisPrefix: prefix });
    const stop = async () => {
      await a.close();
      await b.close();
    };
    return { a, b, stop };
  }

  async function raise(t: TestApp, key: string, n: number, label: string): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await postAlert(t.app, key, { kind: 'panic', note: `${label} ${i}`, idempotencyKey: `${label}-${i}` });
      expect(res.status).toBe(202);
      ids.push(res.body.alertId as string);
    }
    return ids;
  }

  const alertIds = (screen: RecordingClient) => screen.received.filter((r) => r.event === 'alert:raised').map((r) => (r.payload.alert as { id: string }).id);

  /** B's screen got exactly `expected` (in order), no gap, nothing of `gone`, and reached A's seq. */
  async function expectConverged(screen: RecordingClient, a: TestApp, b: TestApp, expected: string[], gone: string[]): Promise<void> {
    await a.app.core.settle();
    await b.app.core.settle();
    await screen.waitForSeq(a.app.core.sequencer.applied);
    expect(alertIds(screen)).toEqual(expected);
    expect(alertIds(screen).filter((id) => gone.includes(id))).toEqual([]);
    expect(screen.gaps).toBe(0);
    expect(screen.duplicates).toBe(0);
    expect(b.app.core.sequencer.applied).toBe(a.app.core.sequencer.applied);
    const incidents = screen.snapshots.at(-1)!.incidents as { id: string }[];
    expect(incidents.length).toBe(0);
  }

  it('a new empty database: B gets every new alert, nothing of the old one', async () => {
    const db = await createTestDatabase();
    cleanups.push(db.drop);
    const prefix = testRedisPrefix();
    const first = await startBoth(db.url, prefix);
    const gateway = await createGateway(first.a.app, first.a.adminToken, 'old gate', { lat: 31.2, lon: 121.4 });
    // A distinct key per press: presses from one device within the dedupe window would join one incident.
    const old = await raise(first.a, gateway.key, 8, 'old');
    await first.a.app.core.settle();
    await first.b.app.core.settle();
    const oldScreenSeq = first.b.app.core.sequencer.applied;
    await first.stop();

    await recreate(db.url);
    const second = await startBoth(db.url, prefix);
    cleanups.push(second.stop);
    // A screen that was on the old database reconnects with its lastSeq: it must get a snapshot, not a replay.
    const returning = new RecordingClient(second.b.url, second.b.adminToken, { lastSeq: oldScreenSeq });
    await returning.connected();
    const screen = new RecordingClient(second.b.url, second.b.adminToken);
    await screen.connected();
    const gate = await createGateway(second.a.app, second.a.adminToken, 'new gate', { lat: 31.21, lon: 121.41 });
    const fresh = await raise(second.a, gate.key, 8, 'new');
    await expectConverged(screen, second.a, second.b, fresh, old);
    expect(returning.snapshots.length).toBe(1);
    await expectConverged(returning, second.a, second.b, fresh, old);
    screen.close();
    returning.close();
  });

  it('a restore from a backup: seq goes back, screens still converge', async () => {
    const db = await createTestDatabase();
    cleanups.push(db.drop);
    const backup = `${nameOf(db.url)}_backup`;
    cleanups.push(() => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${backup} WITH (FORCE)`))));
    const prefix = testRedisPrefix();

    const first = await startBoth(db.url, prefix);
    const gateway = await createGateway(first.a.app, first.a.adminToken, 'gate', { lat: 31.2, lon: 121.4 });
    const kept = await raise(first.a, gateway.key, 4, 'kept');
    await first.a.app.core.settle();
    await first.stop();
    // The backup: a copy of the database at this point (CREATE DATABASE … TEMPLATE needs it idle).
    await admin((c) => c.query(`CREATE DATABASE ${backup} TEMPLATE ${nameOf(db.url)}`));

    const second = await startBoth(db.url, prefix);
    const lost = await raise(second.a, gateway.key, 4, 'lost');
    await second.a.app.core.settle();
    await second.b.app.core.settle();
    const lastSeqBeforeRestore = second.b.app.core.sequencer.applied;
    const historyBeforeRestore = second.b.app.core.history();
    await second.stop();

    await recreate(db.url, backup);
    const third = await startBoth(db.url, prefix);
    cleanups.push(third.stop);
    const [restored] = await third.a.app.core.db.query<{ seq: number }>('SELECT seq FROM event_seq WHERE id = 1');
    expect(Number(restored!.seq)).toBeLessThan(lastSeqBeforeRestore);
    // Neither instance took the lost entries from the stream.
    expect(third.a.app.core.sequencer.applied).toBe(Number(restored!.seq));
    expect(third.b.app.core.sequencer.applied).toBe(Number(restored!.seq));
    const returning = new RecordingClient(third.b.url, third.b.adminToken, { lastSeq: lastSeqBeforeRestore });
    await returning.connected();
    const screen = new RecordingClient(third.b.url, third.b.adminToken);
    await screen.connected();
    // More alerts than were lost: the new history passes the old stream's top.
    const fresh = await raise(third.a, gateway.key, 6, 'after-restore');
    expect(third.a.app.core.sequencer.applied).toBeGreaterThan(lastSeqBeforeRestore);
    // The snapshots hold the kept incidents; the live feed only the new alerts.
    const liveOnly = async (s: RecordingClient) => {
      await third.a.app.core.settle();
      await third.b.app.core.settle();
      await s.waitForSeq(third.a.app.core.sequencer.applied);
      expect(alertIds(s)).toEqual(fresh);
      expect(alertIds(s).filter((id) => lost.includes(id) || kept.includes(id))).toEqual([]);
      expect(s.gaps).toBe(0);
      expect(s.duplicates).toBe(0);
      expect(third.b.app.core.sequencer.applied).toBe(third.a.app.core.sequencer.applied);
    };
    await liveOnly(screen);
    await liveOnly(returning);
    expect(returning.snapshots.length).toBe(1);
    // A screen that comes back only now, when the restored history has passed its seq: by seq alone a
    // replay would look possible (and would skip the restored history's events up to it). Its history
    // names the database that is gone, so it gets a snapshot of this one.
    expect(third.b.app.core.history()).not.toBe(historyBeforeRestore);
    const late = new RecordingClient(third.b.url, third.b.adminToken, { lastSeq: lastSeqBeforeRestore, history: historyBeforeRestore });
    await late.connected();
    await late.waitForSeq(third.a.app.core.sequencer.applied);
    expect(late.snapshots.length).toBe(1);
    expect(late.history).toBe(third.b.app.core.history());
    expect(late.snapshots[0]!.seq).toBe(third.b.app.core.sequencer.applied);
    late.close();
    // Within one history a reconnect is still a replay, as before.
    const again = new RecordingClient(third.b.url, third.b.adminToken, {
      lastSeq: third.b.app.core.sequencer.applied - 2,
      history: third.b.app.core.history(),
    });
    await again.connected();
    await again.waitForSeq(third.a.app.core.sequencer.applied);
    expect(again.snapshots.length).toBe(0);
    again.close();
    // B's picture is the restored database's: the kept incidents plus the new ones, none of the lost presses.
    const open = third.b.app.core.picture.snapshot().incidents as { id: string }[];
    const dbIncidents = await third.a.app.core.db.query<{ id: string }>(
      "SELECT id FROM incidents WHERE status IN ('reported','dispatched','acknowledged','en_route','on_scene')",
    );
    expect(open.map((i) => i.id).sort()).toEqual(dbIncidents.map((r) => r.id).sort());
    screen.close();
    returning.close();
  });

  it('an instance left running on a database replaced under it halts and says so; nothing acknowledged is lost', async () => {
    const db = await createTestDatabase();
    cleanups.push(db.drop);
    const prefix = testRedisPrefix();
    const first = await startBoth(db.url, prefix);
    cleanups.push(async () => first.b.close());
    const gateway = await createGateway(first.a.app, first.a.adminToken, 'old gate', { lat: 31.2, lon: 121.4 });
    const old = await raise(first.a, gateway.key, 8, 'old');
    await first.a.app.core.settle();
    await first.b.app.core.settle();
    const staleScreen = new RecordingClient(first.b.url, first.b.adminToken);
    await staleScreen.connected();
    await first.a.close();

    await recreate(db.url);
    const a = await startTestApp({ databaseUrl: db.url, redisUrl: REDIS_URL, redisPrefix: prefix });
    cleanups.push(async () => a.close());
    expect(a.app.core.log.identity).not.toBe(first.b.app.core.log.identity);
    const b = first.b;
    const readyz = async () => (await b.app.inject({ method: 'GET', url: '/readyz' })).json() as { status: string; eventLog: boolean };
    for (let i = 0; i < 150 && (await readyz()).eventLog; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await readyz()).toMatchObject({ status: 'degraded', eventLog: false });
    expect(b.app.core.sequencer.halted).toBe(true);
    expect((await b.app.inject({ method: 'GET', url: '/metrics' })).body).toMatch(/^lianfang_event_log_unbound 1$/m);

    const screen = new RecordingClient(a.url, a.adminToken);
    await screen.connected();
    const gate = await createGateway(a.app, a.adminToken, 'new gate', { lat: 31.21, lon: 121.41 });
    const fresh = await raise(a, gate.key, 6, 'new');
    // A press that reaches the halted instance is still committed to the database, and so reaches A's screens.
    fresh.push(...(await raise(b, gate.key, 1, 'via-b')));
    fresh.push(...(await raise(a, gate.key, 1, 'new-last')));
    await a.app.core.settle();
    await screen.waitForSeq(a.app.core.sequencer.applied);
    expect(alertIds(screen)).toEqual(fresh);
    expect(screen.gaps).toBe(0);
    expect(screen.duplicates).toBe(0);
    expect(alertIds(screen).filter((id) => old.includes(id))).toEqual([]);
    // The halted instance feeds its screens nothing of the new database.
    expect(alertIds(staleScreen).filter((id) => fresh.includes(id))).toEqual([]);
    screen.close();
    staleScreen.close();
  });
});
