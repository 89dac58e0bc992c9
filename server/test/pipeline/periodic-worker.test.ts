import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PeriodicWorker } from '../../src/pipeline/periodic-worker.js';

/** A tick that stays running until the test lets it go. */
function gatedTick() {
  let running = 0;
  let maxRunning = 0;
  let calls = 0;
  const gates: (() => void)[] = [];
  const tick = () => {
    calls++;
    running++;
    maxRunning = Math.max(maxRunning, running);
    return new Promise<void>((resolve) =>
      gates.push(() => {
        running--;
        resolve();
      }),
    );
  };
  return {
    tick,
    release: () => gates.shift()?.(),
    get calls() {
      return calls;
    },
    get maxRunning() {
      return maxRunning;
    },
    get running() {
      return running;
    },
  };
}

describe('PeriodicWorker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ticks every everyMs once started, and no more after stop', async () => {
    let calls = 0;
    const worker = new PeriodicWorker(
      () => {
        calls++;
      },
      { onError: () => {} },
    );
    worker.start(100);
    worker.start(100); // idempotent: still one timer
    await vi.advanceTimersByTimeAsync(350);
    expect(calls).toBe(3);
    await worker.stop();
    await worker.stop();
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toBe(3);
  });

  it("never overlaps itself: 'skip' drops the beats that come while a tick runs", async () => {
    const gate = gatedTick();
    const worker = new PeriodicWorker(gate.tick, { onError: () => {} });
    worker.start(100);
    await vi.advanceTimersByTimeAsync(450);
    expect(gate.calls).toBe(1);
    expect(worker.busy).toBe(true);
    gate.release();
    await vi.advanceTimersByTimeAsync(100);
    expect(gate.calls).toBe(2);
    expect(gate.maxRunning).toBe(1);
    gate.release();
    await worker.stop();
  });

  it("'again' runs one follow-up for any number of kicks during a tick, and its promise covers it", async () => {
    const gate = gatedTick();
    const worker = new PeriodicWorker(gate.tick, { onError: () => {}, overlap: 'again' });
    const first = worker.kick();
    const second = worker.kick();
    void worker.kick();
    let done = false;
    void second.then(() => (done = true));
    gate.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(gate.calls).toBe(2);
    expect(gate.maxRunning).toBe(1);
    // Every kick's promise, the first included, covers the follow-up.
    expect(done).toBe(false);
    gate.release();
    await Promise.all([first, second]);
    expect(gate.calls).toBe(2);
    expect(worker.busy).toBe(false);
  });

  it('stop waits for the running tick', async () => {
    const gate = gatedTick();
    const worker = new PeriodicWorker(gate.tick, { onError: () => {} });
    worker.start(100);
    await vi.advanceTimersByTimeAsync(100);
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(1000);
    expect(stopped).toBe(false);
    gate.release();
    await stopping;
    expect(stopped).toBe(true);
    expect(gate.calls).toBe(1);
  });

  it('reports sync throws and rejections to onError, and keeps beating', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const worker = new PeriodicWorker(
      () => {
        n++;
        if (n === 1) throw new Error('sync');
        if (n === 2) return Promise.reject(new Error('async'));
        return undefined;
      },
      { onError: (e) => errors.push(e) },
    );
    worker.start(100);
    await vi.advanceTimersByTimeAsync(300);
    expect(errors.map((e) => (e as Error).message)).toEqual(['sync', 'async']);
    expect(n).toBe(3);
    await worker.stop();
  });

  it('kick runs now, with its input, and a sync tick is done on return', async () => {
    const seen: (number | undefined)[] = [];
    const worker = new PeriodicWorker<number>(
      (nowMs) => {
        seen.push(nowMs);
      },
      { onError: () => {} },
    );
    worker.start(10_000);
    await worker.kick(42);
    expect(seen).toEqual([42]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen).toEqual([42, undefined]);
    await worker.stop();
    // Stopped beats; an explicit kick (a final flush) still runs.
    await worker.kick(7);
    expect(seen).toEqual([42, undefined, 7]);
  });

  it('unrefs its timer: a started worker does not keep the process alive', () => {
    vi.useRealTimers();
    const worker = new PeriodicWorker(() => {}, { onError: () => {} });
    worker.start(1000);
    const timer = (worker as unknown as { timer: NodeJS.Timeout }).timer;
    expect(timer.hasRef()).toBe(false);
    void worker.stop();
  });
});
