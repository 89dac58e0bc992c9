import { describe, expect, it } from 'vitest';
import { KeyAreaVisitMinutes } from '../../../src/modules/key-areas/key-area-visit-minutes.js';

const MINUTE = Date.parse('2026-03-04T01:02:00Z');

describe('visit minutes noted in memory', () => {
  it('keeps one row per area, unit and minute, and hands them over once', () => {
    const v = new KeyAreaVisitMinutes();
    v.note('k1', 'u1', MINUTE + 1_000);
    v.note('k1', 'u1', MINUTE + 59_999);
    v.note('k1', 'u2', MINUTE + 30_000);
    v.note('k2', 'u1', MINUTE + 30_000);
    v.note('k1', 'u1', MINUTE + 60_000);
    expect(v.pendingCount).toBe(4);
    expect(v.take()).not.toBeNull();
    expect(v.pendingCount).toBe(0);
    expect(v.take()).toBeNull();
    // Handed over already: the same minute again adds nothing (the database would ignore it anyway).
    v.note('k1', 'u1', MINUTE + 61_000);
    expect(v.pendingCount).toBe(0);
  });

  it('a load put back (its commit failed) is pending again, beside what came meanwhile', () => {
    const v = new KeyAreaVisitMinutes();
    v.note('k1', 'u1', MINUTE);
    v.note('k1', 'u2', MINUTE);
    const load = v.take()!;
    v.note('k1', 'u1', MINUTE + 60_000);
    load.putBack();
    expect(v.pendingCount).toBe(3);
  });
});
