import { beforeEach, describe, expect, it } from 'vitest';
import { useUnitsStore } from '../../src/features/units/units.store';
import { position, unit } from '../support/fixtures';
import { freshPinia } from '../support/test-app';

describe('units store', () => {
  beforeEach(() => freshPinia());

  it('keeps records by id with a computed list', () => {
    const units = useUnitsStore();
    units.replaceAll([unit({ id: 'a' }), unit({ id: 'b' })]);
    units.upsert(unit({ id: 'c' }));
    expect(units.count).toBe(3);
    expect(units.list.map((u) => u.id)).toEqual(['a', 'b', 'c']);
  });

  it('keeps the fresher position when a unit update carries an older stored fix', () => {
    const units = useUnitsStore();
    units.replaceAll([unit({ id: 'a' })]);
    units.applyPositions([position({ unitId: 'a', lat: 2, serverTime: '2025-01-01T08:05:00Z' })]);
    units.upsert(unit({ id: 'a', status: 'busy', position: position({ unitId: 'a', lat: 1, serverTime: '2025-01-01T08:00:00Z' }) }));
    expect(units.get('a')?.status).toBe('busy');
    expect(units.get('a')?.position?.lat).toBe(2);
  });

  it('ignores positions of units it does not know and older fixes', () => {
    const units = useUnitsStore();
    units.replaceAll([unit({ id: 'a' })]);
    units.applyPositions([position({ unitId: 'ghost' })]);
    units.applyPositions([position({ unitId: 'a', lat: 5, serverTime: '2025-01-01T08:05:00Z' })]);
    units.applyPositions([position({ unitId: 'a', lat: 4, serverTime: '2025-01-01T08:04:00Z' })]);
    expect(units.count).toBe(1);
    expect(units.get('a')?.position?.lat).toBe(5);
  });

  it('orders fixes by instant whatever the time format (offsets, milliseconds)', () => {
    const units = useUnitsStore();
    units.replaceAll([unit({ id: 'a' })]);
    units.applyPositions([position({ unitId: 'a', lat: 5, serverTime: '2025-01-01T08:05:00.000Z' })]);
    // 16:04 in +08:00 is 08:04 UTC: older, although it sorts later as text.
    units.applyPositions([position({ unitId: 'a', lat: 4, serverTime: '2025-01-01T16:04:00.000+08:00' })]);
    expect(units.get('a')?.position?.lat).toBe(5);
    units.applyPositions([position({ unitId: 'a', lat: 6, serverTime: '2025-01-01T08:05:00.001Z' })]);
    expect(units.get('a')?.position?.lat).toBe(6);
  });
});
