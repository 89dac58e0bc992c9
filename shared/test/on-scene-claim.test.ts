import { describe, expect, it } from 'vitest';
import { judgeOnSceneClaim } from '../src/domain/on-scene-claim.js';

const incident = { lat: 31.23, lon: 121.47 };
const now = Date.parse('2026-01-01T10:00:00Z');
const north = (m: number) => ({ lat: incident.lat + m / 111_195, lon: incident.lon });

describe('judgeOnSceneClaim', () => {
  it.each([
    ['at the incident', { ...north(0), at: now }, 'near'],
    ['140 m away', { ...north(140), at: now }, 'near'],
    ['2 km away', { ...north(2000), at: now }, 'far'],
    ['near but the fix is 3 minutes old', { ...north(10), at: now - 180_000 }, 'unknown'],
    ['an ISO time 30 s old', { ...north(10), at: new Date(now - 30_000).toISOString() }, 'near'],
  ] as const)('%s → %s', (_name, position, kind) => {
    expect(judgeOnSceneClaim(position, incident, 150, now).kind).toBe(kind);
  });

  it('says how far, and unknown without a position', () => {
    expect(judgeOnSceneClaim({ ...north(2000), at: now }, incident, 150, now)).toEqual({ kind: 'far', distanceM: 2000 });
    expect(judgeOnSceneClaim(null, incident, 150, now)).toEqual({ kind: 'unknown' });
  });
});
