import type { TrackPoint } from '@lianfang/shared';
import { describe, expect, it } from 'vitest';
import { replayUnitIds, replayWindow } from '../../src/features/analytics/replay-window';
import { trackReplayFeatures, tracksByUnit } from '../../src/map/geojson/track-features';
import { incident } from '../support/fixtures';

const fix = (unitId: string, at: string, lon: number, lat: number): TrackPoint => ({ unitId, at, lat, lon, speedKmh: null, heading: null, accuracyM: null });
const T0 = Date.parse('2025-01-01T08:00:00.000Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();

describe('incident replay', () => {
  it('replays from 5 minutes before the call to 5 minutes after the last unit cleared', () => {
    const assignment = { status: 'cleared' as const, acknowledgedAt: null, enRouteAt: null, ackTimeoutAt: null, replacementUnitId: null };
    const i = incident({
      assignments: [
        { ...assignment, unitId: 'u2', dispatchedAt: iso(60), onSceneAt: iso(400), clearedAt: iso(1800) },
        { ...assignment, unitId: 'u1', dispatchedAt: iso(30), onSceneAt: iso(300), clearedAt: iso(1200) },
      ],
    });
    expect(replayWindow(i)).toEqual({ fromMs: T0 - 300_000, toMs: T0 + 1_800_000 + 300_000 });
    expect(replayUnitIds(i)).toEqual(['u1', 'u2']);
    // nobody sent, case still open: two hours at most, not beyond now
    expect(replayWindow(incident(), T0 + 600_000)).toEqual({ fromMs: T0 - 300_000, toMs: T0 + 900_000 });
  });

  it("draws each unit's trail up to the replay time and a dot where it last was", () => {
    const byUnit = tracksByUnit([
      fix('u1', iso(0), 120.1, 30.2),
      fix('u1', iso(30), 120.11, 30.21),
      fix('u1', iso(60), 120.12, 30.22),
      fix('u2', iso(90), 120.2, 30.3),
    ]);
    const { full, trail } = trackReplayFeatures(
      byUnit,
      T0 + 45_000,
      () => '#3d8bff',
      (id) => `C-${id}`,
    );
    expect(full.features.map((f) => [f.properties.unitId, f.geometry.type])).toEqual([['u1', 'LineString']]);
    expect(trail.features.map((f) => [f.properties.unitId, f.geometry.type, f.geometry.coordinates])).toEqual([
      [
        'u1',
        'LineString',
        [
          [120.1, 30.2],
          [120.11, 30.21],
        ],
      ],
      ['u1', 'Point', [120.11, 30.21]],
    ]);
    expect(trail.features[1]!.properties.label).toBe('C-u1');
    // later, u2 has its first fix: a dot, no trail yet
    const later = trackReplayFeatures(
      byUnit,
      T0 + 90_000,
      () => '#fff',
      (id) => id,
    );
    expect(later.trail.features.filter((f) => f.properties.unitId === 'u2').map((f) => f.geometry.type)).toEqual(['Point']);
  });
});
