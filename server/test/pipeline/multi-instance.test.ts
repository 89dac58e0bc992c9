import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, createUnit, postAlert, postFix } from '../helpers/fixtures.js';
import { RecordingClient } from '../helpers/socket-client.js';
import type { TestApp } from '../helpers/test-app.js';
import { startTwoInstances, type TwoInstances } from '../helpers/two-instances.js';

/**
 * Two server instances on one PostgreSQL and one Redis, as behind a load
 * balancer: what is posted to A reaches B's screens, in the same order, and a
 * screen that loses its connection mid-stream catches up with no gap and no duplicate.
 */
describe('two instances over Redis and PostgreSQL', () => {
  let a: TestApp;
  let b: TestApp;
  let pair: TwoInstances;

  beforeAll(async () => {
    pair = await startTwoInstances();
    ({ a, b } = pair);
  });
  afterAll(async () => pair?.close());

  it('delivers an alert posted to A to clients of B, in the same seq order everywhere', async () => {
    const gateway = await createGateway(a.app, a.adminToken, 'cross gateway', { lat: 30.26, lon: 120.17 });
    await createUnit(a.app, a.adminToken, 'X-1', 'x-1');
    await b.app.core.settle();
    const onA = new RecordingClient(a.url, a.adminToken);
    const onB = new RecordingClient(b.url, b.adminToken);
    await Promise.all([onA.connected(), onB.connected()]);

    const t0 = Math.floor(Date.now() / 1000) - 100;
    for (let i = 0; i < 20; i++) {
      // Alternate instances for positions and alerts: the global order must still be one order.
      await postFix(i % 2 ? a.app : b.app, 'x-1', 30.2 + i * 0.001, 120.1, t0 + i);
      if (i % 5 === 0) expect((await postAlert(i % 2 ? b.app : a.app, gateway.key, { kind: 'radio', note: `call ${i}` })).status).toBe(202);
      await a.app.core.positions.flush();
      await b.app.core.positions.flush();
    }
    await a.app.core.settle();
    await b.app.core.settle();
    const last = Math.max(a.app.core.sequencer.applied, b.app.core.sequencer.applied);
    await Promise.all([onA.waitForSeq(last), onB.waitForSeq(last)]);

    const alertsOn = (c: RecordingClient) => c.received.filter((r) => r.event === 'alert:raised').map((r) => r.seq);
    expect(alertsOn(onA)).toHaveLength(4);
    expect(alertsOn(onB)).toEqual(alertsOn(onA));
    expect(onA.coveredSeqs()).toEqual(onB.coveredSeqs());
    expect(onA.gaps + onB.gaps).toBe(0);
    expect(onA.duplicates + onB.duplicates).toBe(0);
    // Both pictures converge on the same last fix.
    expect(a.app.core.picture.units.size).toBe(b.app.core.picture.units.size);
    const lastFix = [...b.app.core.picture.units.values()].find((u) => u.callsign === 'X-1')?.position;
    expect(lastFix?.lat).toBeCloseTo(30.219, 6);
    onA.close();
    onB.close();
  });

  it('replays exactly what a screen missed while its connection was down', async () => {
    await createUnit(a.app, a.adminToken, 'X-2', 'x-2');
    const gateway = await createGateway(a.app, a.adminToken, 'reconnect gateway', { lat: 30.25, lon: 120.18 });
    await b.app.core.settle();
    const reference = new RecordingClient(a.url, a.adminToken);
    const flaky = new RecordingClient(b.url, b.adminToken);
    await Promise.all([reference.connected(), flaky.connected()]);
    const start = b.app.core.sequencer.applied;
    await flaky.waitForSeq(start);

    const t0 = Math.floor(Date.now() / 1000) - 50;
    const burst = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        await postFix(a.app, 'x-2', 30.1 + i * 0.001, 120.2, t0 + i);
        if (i % 4 === 0) await postAlert(b.app, gateway.key, { kind: 'other', note: `n${i}` });
        await a.app.core.positions.flush();
      }
    };
    await burst(0, 8);
    await b.app.core.settle();
    await flaky.waitForSeq(b.app.core.sequencer.applied);
    // Kill the connection mid-stream; events keep coming while it is down.
    flaky.socket.disconnect();
    const seenBefore = flaky.received.length;
    await burst(8, 20);
    await a.app.core.settle();
    await b.app.core.settle();
    expect(flaky.received.length).toBe(seenBefore);

    // Reconnect to the OTHER instance with the last seq: a replay, not a snapshot.
    const resumed = new RecordingClient(a.url, a.adminToken, { lastSeq: flaky.lastSeq });
    resumed.received.push(...flaky.received);
    await resumed.connected();
    const end = a.app.core.sequencer.applied;
    await Promise.all([resumed.waitForSeq(end), reference.waitForSeq(end)]);
    expect(resumed.snapshots).toHaveLength(0);
    const mine = resumed.coveredSeqs().filter((s) => s > start);
    const theirs = reference.coveredSeqs().filter((s) => s > start);
    expect(mine).toEqual(theirs);
    expect(mine).toEqual(mine.map((_, i) => start + 1 + i));
    // Nothing twice: every event other than positions arrived in exactly one message
    // (position entries may be named twice: by an alert that overtook them, then by their batch).
    const events = resumed.received.filter((x) => x.seq > start && x.event !== 'unit:positions').map((x) => x.seq);
    expect(new Set(events).size).toBe(events.length);
    reference.close();
    resumed.close();
  });

  it('sends a snapshot when the gap is beyond what is retained', async () => {
    const client = new RecordingClient(b.url, b.adminToken, { lastSeq: 0 });
    await client.connected();
    await client.waitForSeq(b.app.core.sequencer.applied);
    // seq 0 is still in the outbox table here, so this is a replay from the database…
    expect(client.snapshots.length + client.received.length).toBeGreaterThan(0);
    client.close();
    // …while a seq from the future (another deployment's) can only be answered with a snapshot.
    const stranger = new RecordingClient(b.url, b.adminToken, { lastSeq: 10_000_000 });
    await stranger.connected();
    await new Promise((r) => setTimeout(r, 200));
    expect(stranger.snapshots).toHaveLength(1);
    expect(stranger.snapshots[0]!.seq).toBe(b.app.core.sequencer.applied);
    stranger.close();
  });
});
