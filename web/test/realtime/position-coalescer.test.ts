import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PositionCoalescer } from '../../src/realtime/position-coalescer';
import { position } from '../support/fixtures';

describe('PositionCoalescer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('never applies more often than every 250 ms, keeping only the newest fix per unit', () => {
    const applied: number[][] = [];
    const c = new PositionCoalescer((batch) => applied.push(batch.map((p) => p.lat)), 250);
    for (let i = 1; i <= 40; i++) {
      c.add([position({ lat: i, serverTime: new Date(Date.UTC(2025, 0, 1, 8, 0, i)).toISOString() })]);
      vi.advanceTimersByTime(25);
    }
    vi.advanceTimersByTime(300);
    // 40 fixes over ~1 s → at most 5 applications (4 Hz + the tail).
    expect(applied.length).toBeLessThanOrEqual(5);
    expect(applied.at(-1)).toEqual([40]);
  });

  it('clear() forgets what was held', () => {
    const apply = vi.fn();
    const c = new PositionCoalescer(apply, 250);
    c.flush();
    c.add([position()]);
    c.clear();
    vi.advanceTimersByTime(1000);
    expect(apply).not.toHaveBeenCalled();
  });
});
