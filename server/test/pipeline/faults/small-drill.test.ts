import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVictimAndSurvivor, type VictimAndSurvivor } from '../../helpers/cluster/victim-and-survivor.js';
import { createGateway, createUnit, postAlert, postFix } from '../../helpers/fixtures.js';
import { RecordingClient } from '../../helpers/socket-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { REDIS_URL, createTestDatabase, testRedisPrefix } from '../../helpers/test-services.js';

/**
 * The drills in miniature, in the test command: two instances over one
 * PostgreSQL and one Redis, positions streaming in while alerts are pressed,
 * screens judged by the shared judge (SeqJudge). A no-fault control run, then
 * the same load with one instance killed (SIGKILL) half-way. Alerts overtake
 * waiting position batches by design (`late`); a gap, a duplicate or a lost
 * alert is a defect of delivery and fails CI, as it would fail the drills.
 */

// A slow position beat, so presses land while batches wait (the case the judge must tell apart).
const POSITION_FLUSH_MS = 400;
const TRACKERS = ['drill-1', 'drill-2', 'drill-3', 'drill-4'];

/** `rounds` rounds of a burst of fixes, a press every other round; `midway` runs once half-way. Returns the acknowledged alert ids. */
async function interleave(app: FastifyInstance, gatewayKey: string, tag: string, rounds: number, midway?: () => Promise<void>): Promise<string[]> {
  const pressed: string[] = [];
  const t0 = Math.floor(Date.now() / 1000) - 120;
  for (let round = 0; round < rounds; round++) {
    if (round === rounds / 2) await midway?.();
    for (const [i, t] of TRACKERS.entries()) {
      const res = await postFix(app, t, 31.2 + i * 0.001 + round * 0.0001, 121.4 + round * 0.0001, t0 + round * 5);
      expect(res.status).toBe(200);
    }
    if (round % 2 === 1) {
      const res = await postAlert(app, gatewayKey, { kind: 'panic', note: `${tag} ${round}`, idempotencyKey: `${tag}-${round}` });
      expect(res.status).toBe(202);
      pressed.push(res.body.alertId as string);
    }
    await new Promise((r) => setTimeout(r, 60));
  }
  return pressed;
}

/** Every screen: every acknowledged alert once, in order; no gap, no duplicate. Returns the late merges counted. */
async function judgeScreens(screens: RecordingClient[], head: number, pressed: string[]): Promise<number> {
  let late = 0;
  for (const screen of screens) {
    await screen.waitForSeq(head, 20_000);
    const alerts = screen.received.filter((r) => r.event === 'alert:raised').map((r) => (r.payload.alert as { id: string }).id);
    expect(alerts).toEqual(pressed);
    expect(screen.gaps).toBe(0);
    expect(screen.duplicates).toBe(0);
    late += screen.late;
    screen.close();
  }
  return late;
}

async function seedUnits(app: TestApp): Promise<{ key: string }> {
  for (const [i, t] of TRACKERS.entries()) await createUnit(app.app, app.adminToken, `巡-${i + 1}`, t);
  return createGateway(app.app, app.adminToken, 'drill gate', { lat: 31.22, lon: 121.46 });
}

describe('small drill, control: positions and alerts interleaved across two instances, no fault', () => {
  let a: TestApp;
  let b: TestApp;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    const prefix = testRedisPrefix();
    const config = { POSITION_FLUSH_MS };
    a = await startTestApp({ databaseUrl: db.url, redisUrl: REDIS_URL, redisPrefix: prefix, config });
    b = await startTestApp({ databaseUrl: db.url, redisUrl: REDIS_URL, redisPrefix: prefix, config });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await drop?.();
  });

  it('every screen gets every alert once, in order, with no gap and no duplicate', async () => {
    const gateway = await seedUnits(a);
    await a.app.core.settle();
    await b.app.core.settle();
    const screens = [new RecordingClient(a.url, a.adminToken), new RecordingClient(b.url, b.adminToken), new RecordingClient(b.url, b.adminToken)];
    await Promise.all(screens.map((s) => s.connected()));

    const pressed = await interleave(a.app, gateway.key, 'control', 24);
    await a.app.core.settle();
    await b.app.core.settle();
    const late = await judgeScreens(screens, Math.max(a.app.core.sequencer.applied, b.app.core.sequencer.applied), pressed);
    // The scenario happened: some batch was overtaken by a press and merged late, on some screen.
    expect(late).toBeGreaterThan(0);
  });
});

describe('small drill, kill: the same load with one of two instances killed half-way', () => {
  let cluster: VictimAndSurvivor;

  beforeAll(async () => {
    cluster = await startVictimAndSurvivor({ POSITION_FLUSH_MS });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('screens on the killed instance resume on the survivor: every alert once, in order, no gap, no duplicate, none lost', async () => {
    const { victim, survivor, lb } = cluster;
    const gateway = await seedUnits(survivor);
    await survivor.app.core.settle();
    // Round-robin: screens alternate between the victim and the survivor.
    const screens = [0, 1, 2, 3].map(() => new RecordingClient(`http://127.0.0.1:${lb.port}`, survivor.adminToken, { reconnection: true }));
    const moved = screens.map(() => 0);
    screens.forEach((s, i) => s.socket.on('disconnect', () => moved[i]!++));
    for (const s of screens) await s.connected();

    const pressed = await interleave(survivor.app, gateway.key, 'kill', 24, () => victim.kill9());
    await survivor.app.core.settle();
    await judgeScreens(screens, survivor.app.core.sequencer.applied, pressed);
    expect(moved.filter((n) => n > 0).length).toBeGreaterThan(0); // the fault happened to some screen
    // Every acknowledged press is in the database, once.
    const rows = await survivor.app.core.db.query<{ id: string }>('SELECT id FROM alerts WHERE id = ANY($1::text[])', [pressed]);
    expect(rows).toHaveLength(pressed.length);
  });
});
