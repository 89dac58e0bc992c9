import { describe, expect, it } from 'vitest';
import { fixTimeMs, isAvailable, isStale } from '../../src/features/units/unit-appearance';
import { unitBoardRows } from '../../src/features/units/unit-board';
import { position, unit } from '../support/fixtures';

const NOW = Date.parse('2025-01-01T08:10:00Z');

describe('unit appearance', () => {
  it.each([
    ['no fix at all', null, true],
    ['fix 1 min old', position({ serverTime: '2025-01-01T08:09:00Z', deviceTime: '2025-01-01T08:09:00Z' }), false],
    ['fix 3 min old', position({ serverTime: '2025-01-01T08:07:00Z', deviceTime: '2025-01-01T08:07:00Z' }), true],
    // An offline backlog arrives now but was taken long ago: it is as old as its device time.
    ['late delivery of an old fix', position({ serverTime: '2025-01-01T08:09:59Z', deviceTime: '2025-01-01T08:00:00Z' }), true],
    // …unless the device clock is known to be wrong.
    ['skewed device clock', position({ serverTime: '2025-01-01T08:09:59Z', deviceTime: '2024-12-01T08:00:00Z', flags: ['clock_skew'] }), false],
  ])('%s → stale=%s', (_name, p, stale) => {
    expect(isStale(unit({ position: p }), NOW)).toBe(stale);
  });

  it('counts a unit available only when free and fresh', () => {
    const fresh = position({ serverTime: '2025-01-01T08:09:30Z', deviceTime: '2025-01-01T08:09:30Z' });
    expect(isAvailable(unit({ position: fresh }), NOW)).toBe(true);
    expect(isAvailable(unit({ position: fresh, status: 'busy' }), NOW)).toBe(false);
    expect(fixTimeMs(fresh)).toBe(Date.parse('2025-01-01T08:09:30Z'));
  });

  it('builds the status board per force in a fixed force order', () => {
    const fresh = position({ serverTime: '2025-01-01T08:09:30Z', deviceTime: '2025-01-01T08:09:30Z' });
    const rows = unitBoardRows(
      [
        unit({ id: '1', force: 'fire', position: fresh }),
        unit({ id: '2', force: 'police', status: 'on_scene', position: fresh }),
        unit({ id: '3', force: 'police', position: null }),
        unit({ id: '4', force: 'police', status: 'off_duty', position: null }),
      ],
      NOW,
    );
    expect(rows.map((r) => r.force)).toEqual(['police', 'fire']);
    // the police unit with no fix is 失联, not 空闲 (as the KPI strip's 可用力量 counts it)
    expect(rows[0]).toMatchObject({ total: 3, stale: 1, byStatus: { on_scene: 1, available: 0, off_duty: 1 } });
    expect(rows[1]).toMatchObject({ total: 1, stale: 0, byStatus: { available: 1 } });
  });
});
