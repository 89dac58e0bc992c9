import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { createPgliteDatabase } from '../../src/db/pglite-database.js';
import { LeasedPublisher } from '../../src/pipeline/leased-publisher.js';
import { PublisherLease } from '../../src/pipeline/publisher-lease.js';

let db: Database;
let keys = 0;

beforeAll(async () => {
  db = await createPgliteDatabase();
  await migrate(db);
}, 120_000);
afterAll(() => db.close());

/** A publisher on a lease of its own key (or a shared one), recording what its hooks were asked. */
function publisherOn(key: string, publish: (nowMs: number) => Promise<boolean> = async () => true) {
  const calls = { publish: 0, reschedule: 0, beat: 0 };
  const publisher = new LeasedPublisher(new PublisherLease(db, key, 30), 60_000, {
    publish: (nowMs) => {
      calls.publish++;
      return publish(nowMs);
    },
    reschedule: () => {
      calls.reschedule++;
    },
    beat: () => {
      calls.beat++;
    },
  });
  return { publisher, calls };
}

const freshKey = () => `publisher:test-${++keys}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A publish that stays in flight until released. */
function gate() {
  let open: () => void = () => {};
  const closed = new Promise<void>((resolve) => (open = resolve));
  return {
    publish: async () => {
      await closed;
      return true;
    },
    open: () => open(),
  };
}

describe('LeasedPublisher', () => {
  it('publishes only under the lease: the other instance stays dirty until the holder stops', async () => {
    const key = freshKey();
    const a = publisherOn(key);
    const b = publisherOn(key);
    expect(await a.publisher.run()).toBe(true);
    expect(a.publisher.dirty).toBe(false);
    expect(await b.publisher.run()).toBe(false);
    expect(b.calls.publish).toBe(0);
    expect(b.publisher.dirty).toBe(true);
    expect(b.publisher.lastRunAt).toBeGreaterThan(0);
    await a.publisher.stop();
    expect(await b.publisher.run()).toBe(true);
    expect(b.calls.publish).toBe(1);
    await b.publisher.stop();
  });

  it('never runs twice at once: a run asked for meanwhile shares the promise and reschedules once after', async () => {
    const g = gate();
    const { publisher, calls } = publisherOn(freshKey(), g.publish);
    const first = publisher.run();
    const second = publisher.run();
    const third = publisher.run();
    expect(second).toBe(first);
    expect(third).toBe(first);
    await sleep(20);
    g.open();
    expect(await first).toBe(true);
    expect(calls.publish).toBe(1);
    expect(calls.reschedule).toBe(1);
    await publisher.stop();
  });

  it('stop waits for the run in flight, then hands the lease over at once', async () => {
    const key = freshKey();
    const g = gate();
    const a = publisherOn(key, g.publish);
    const b = publisherOn(key);
    const inFlight = a.publisher.run();
    await sleep(20);
    let stopped = false;
    const stopping = a.publisher.stop().then(() => (stopped = true));
    await sleep(30);
    expect(stopped).toBe(false);
    g.open();
    await stopping;
    expect(await inFlight).toBe(true);
    // Released, not left to expire: the other instance takes over now, well inside the 30 s ttl.
    expect(await b.publisher.run()).toBe(true);
    // A stopped publisher neither runs nor schedules.
    expect(await a.publisher.run()).toBe(false);
    a.publisher.runAt(Date.now());
    expect(a.publisher.scheduled).toBe(false);
    await b.publisher.stop();
  });

  it('runs a scheduled run at its time, keeps one pending run, and flush runs now when dirty', async () => {
    const { publisher, calls } = publisherOn(freshKey());
    const at = Date.now() + 40;
    publisher.runAt(at);
    publisher.runAt(at);
    expect(publisher.scheduled).toBe(true);
    await sleep(150);
    expect(calls.publish).toBe(1);
    expect(publisher.scheduled).toBe(false);

    expect(await publisher.flush()).toBe(false); // nothing moved since
    publisher.dirty = true;
    publisher.runAt(Date.now() + 60_000);
    expect(await publisher.flush()).toBe(true);
    expect(publisher.scheduled).toBe(false); // the pending run was folded into the flush
    expect(calls.publish).toBe(2);
    await publisher.stop();
  });

  it('turns a failing publish into false, never an unhandled rejection, and passes the clock it was given', async () => {
    const seen: number[] = [];
    const { publisher } = publisherOn(freshKey(), async (nowMs) => {
      seen.push(nowMs);
      throw new Error('graph away');
    });
    expect(await publisher.run(1234)).toBe(false);
    expect(seen).toEqual([1234]);
    await publisher.stop();
  });

  it('beats every everyMs while started, and holdsLease is false once stopped', async () => {
    const calls = { beat: 0 };
    const publisher = new LeasedPublisher(new PublisherLease(db, freshKey(), 30), 20, {
      publish: async () => true,
      reschedule: () => {},
      beat: () => {
        calls.beat++;
      },
    });
    publisher.start();
    // Loose on purpose: the machine may be busy; the point is that it beats, then stops beating.
    await sleep(200);
    expect(calls.beat).toBeGreaterThanOrEqual(2);
    expect(await publisher.holdsLease()).toBe(true);
    await publisher.stop();
    const after = calls.beat;
    await sleep(60);
    expect(calls.beat).toBe(after);
    expect(await publisher.holdsLease()).toBe(false);
  });
});
