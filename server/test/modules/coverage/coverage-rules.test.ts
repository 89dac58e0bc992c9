import { describe, expect, it } from 'vitest';
import type { Coverage, Position, Station, Unit } from '@lianfang/shared';
import { coverageHash } from '../../../src/modules/coverage/coverage-report.js';
import { coverageSources } from '../../../src/modules/coverage/coverage-sources.js';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const fix = (ageS: number) =>
  ({
    lat: 30.26,
    lon: 120.17,
    deviceTime: new Date(NOW - ageS * 1000).toISOString(),
    serverTime: new Date(NOW).toISOString(),
    flags: [],
  }) as unknown as Position;
const unit = (id: string, status: Unit['status'], position: Position | null, mode: Unit['mode'] = 'bike') => ({ id, status, position, mode }) as Unit;

describe('coverage rules', () => {
  it('counts available units with a recent fix at their own mode, and only stations with a standing crew, at its mode', () => {
    const stations = [
      { id: 'fire-1', kind: 'fire', lat: 30.25, lon: 120.16, standingCrew: { force: 'fire', mode: 'car' } },
      { id: 'safe-1', kind: 'safety_station', lat: 30.27, lon: 120.18, standingCrew: { force: 'volunteer', mode: 'foot' } },
      { id: 'police-1', kind: 'police_post', lat: 30.26, lon: 120.17, standingCrew: null },
      { id: 'medical-1', kind: 'medical', lat: 30.26, lon: 120.19 },
    ] as Station[];
    const sources = coverageSources(
      [unit('free', 'available', fix(30)), unit('busy', 'busy', fix(30)), unit('silent', 'available', fix(16 * 60)), unit('nowhere', 'available', null)],
      stations,
      NOW,
    );
    expect(sources.map((s) => [s.id, s.mode])).toEqual([
      ['free', 'bike'],
      ['station:fire-1', 'car'],
      ['station:safe-1', 'foot'],
    ]);
  });

  it('hashes content, not the key order a trip through jsonb leaves', () => {
    const a = {
      cells: [['89309a', 1.5]],
      share: { overall: { within5: 0.1, within15: 0.5 }, perGrid: [{ gridId: 'g', within5: 0.1, within15: 0.5 }] },
    } as Pick<Coverage, 'cells' | 'share'>;
    const b = {
      share: { perGrid: [{ within15: 0.5, within5: 0.1, gridId: 'g' }], overall: { within15: 0.5, within5: 0.1 } },
      cells: [['89309a', 1.5]],
    } as Pick<Coverage, 'cells' | 'share'>;
    expect(coverageHash(a)).toBe(coverageHash(b));
    expect(coverageHash(a)).not.toBe(coverageHash({ ...a, cells: [['89309a', 1.6]] }));
  });
});
