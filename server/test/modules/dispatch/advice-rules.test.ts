import { describe, expect, it } from 'vitest';
import type { Candidate, Incident, IncidentAdvice, Position } from '@lianfang/shared';
import { positionAgeSeconds, staleUncertaintySeconds } from '../../../src/modules/dispatch/candidate-ranking.js';
import { adviceFor, isMaterialChange } from '../../../src/modules/dispatch/incident-advice.js';

const T0 = Date.parse('2026-11-22T10:00:00Z');
const advice = (over: Partial<IncidentAdvice>): IncidentAdvice => ({
  incidentId: 'i1',
  bestUnitId: 'u1',
  bestEtaSeconds: 200,
  wouldBreach: false,
  computedAt: new Date(T0).toISOString(),
  ...over,
});

describe('advice rules', () => {
  it.each([
    ['first advice', undefined, advice({}), true],
    ['same', advice({}), advice({}), false],
    ['ETA moved 14 s', advice({}), advice({ bestEtaSeconds: 214 }), false],
    ['ETA moved 15 s', advice({}), advice({ bestEtaSeconds: 185 }), true],
    ['breach flag flipped', advice({}), advice({ wouldBreach: true }), true],
    ['nobody can reach it any more', advice({}), advice({ bestUnitId: null, bestEtaSeconds: null, wouldBreach: true }), true],
    ['equally good unit swapped in, old one still free', advice({}), advice({ bestUnitId: 'u2', bestEtaSeconds: 205 }), false],
    ['old best unit took another job', advice({ bestUnitId: 'gone' }), advice({ bestUnitId: 'u2', bestEtaSeconds: 205 }), true],
  ] as const)('%s → material: %s', (_name, previous, next, material) => {
    expect(isMaterialChange(previous, next, (id) => id !== 'gone')).toBe(material);
  });

  it('predicts a breach from the incident age, its priority target and the best ETA; nobody at all is a breach', () => {
    const incident = { id: 'i1', priority: 'P1', createdAt: new Date(T0).toISOString() } as Incident;
    const best = { unitId: 'u1', rankSeconds: 200 } as Candidate;
    expect(adviceFor(incident, [best], T0 + 60_000)).toMatchObject({ bestUnitId: 'u1', bestEtaSeconds: 200, wouldBreach: false });
    expect(adviceFor(incident, [best], T0 + 101_000)).toMatchObject({ wouldBreach: true });
    expect(adviceFor(incident, [{ unitId: 'u9', rankSeconds: null } as Candidate], T0)).toMatchObject({
      bestUnitId: null,
      bestEtaSeconds: null,
      wouldBreach: true,
    });
    expect(adviceFor({ ...incident, priority: 'P4' }, [best], T0 + 1500_000)).toMatchObject({ wouldBreach: false });
  });

  it('ages a fix by the device time unless its clock was flagged, and caps the stale uncertainty', () => {
    const fix = { deviceTime: new Date(T0 - 90_000).toISOString(), serverTime: new Date(T0 - 10_000).toISOString(), flags: [] } as unknown as Position;
    expect(positionAgeSeconds(fix, T0)).toBe(90);
    expect(positionAgeSeconds({ ...fix, flags: ['clock_skew'] }, T0)).toBe(10);
    expect([60, 120, 121, 250, 3600].map(staleUncertaintySeconds)).toEqual([0, 0, 121, 250, 300]);
  });
});
