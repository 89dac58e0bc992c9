import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit, postFix } from '../../helpers/fixtures.js';
import { RecordingClient } from '../../helpers/socket-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

/**
 * A screen that (re)connects while positions wait in the broadcaster's batch
 * (the 4 Hz budget) must not get them twice: once in its snapshot or replay,
 * then again when the batch goes out. Found by the reconnect-storm drill.
 */
describe('connecting while a position batch is pending', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A long flush period, so the batch is surely still pending when the screens arrive.
    t = await startTestApp({ config: { POSITION_FLUSH_MS: 5000 } });
  });
  afterAll(async () => t?.close());

  const duplicatesOf = (c: RecordingClient, from: number) => {
    let last = from;
    let dups = 0;
    for (const r of c.received) {
      if (r.seq <= last) dups++;
      last = Math.max(last, r.seq);
    }
    return dups;
  };

  it('sends pending positions exactly once to a fresh screen and to a resuming one', async () => {
    await createUnit(t.app, t.adminToken, 'P-1', 'p-1');
    await t.app.core.settle();
    const before = t.app.core.sequencer.applied;
    const now = Math.floor(Date.now() / 1000);
    expect((await postFix(t.app, 'p-1', 31.2, 121.4, now - 2)).status).toBe(200);
    expect((await postFix(t.app, 'p-1', 31.201, 121.401, now - 1)).status).toBe(200);
    await t.app.core.positions.flush();
    while (t.app.core.sequencer.applied <= before) await new Promise((r) => setTimeout(r, 5));
    const head = t.app.core.sequencer.applied;

    const fresh = new RecordingClient(t.url, t.adminToken);
    const resuming = new RecordingClient(t.url, t.adminToken, { lastSeq: before });
    await Promise.all([fresh.connected(), resuming.connected()]);
    await Promise.all([fresh.waitForSeq(head), resuming.waitForSeq(head)]);
    t.app.core.broadcaster.flushPositions(); // what the timer would do next
    await new Promise((r) => setTimeout(r, 200));

    expect(fresh.snapshots).toHaveLength(1);
    expect(duplicatesOf(fresh, fresh.snapshots[0]!.seq)).toBe(0);
    expect(resuming.snapshots).toHaveLength(0);
    expect(resuming.coveredSeqs()).toEqual(Array.from({ length: head - before }, (_, i) => before + 1 + i));
    expect(duplicatesOf(resuming, before)).toBe(0);
    fresh.close();
    resuming.close();
  });
});
