import { describe, expect, it } from 'vitest';
import { ALERT_KINDS, joinVerdict, kindsCompatible, pickJoinable, type JoinCandidate, type JoinVerdict, type Press } from '../../src/index.js';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const RULE = { windowSeconds: 180, distanceM: 300 };
// About 111 m per 0.001° of latitude.
const AT = { lat: 30.25, lon: 120.16 };
const north = (m: number) => ({ lat: AT.lat + m / 111_195, lon: AT.lon });

const candidate = (over: Partial<JoinCandidate> = {}): JoinCandidate => ({
  incidentId: 'inc',
  openingKind: 'panic',
  point: AT,
  createdAtMs: NOW - 600_000,
  lastPressAtMs: NOW - 60_000,
  lastPressPoint: AT,
  ...over,
});
const press = (over: Partial<Press> = {}): Press => ({ kind: 'panic', point: AT, atMs: NOW, ...over });

describe('alert join rule', () => {
  it.each<[string, Partial<JoinCandidate>, Partial<Press>, JoinVerdict]>([
    ['same kind, same place, a minute after the last press: joins', {}, {}, 'join'],
    ['the issue: medical 3 km away 6 minutes later does not join a panic', { lastPressAtMs: NOW - 360_000 }, { kind: 'medical', point: north(3000) }, 'window'],
    ['medical at the same place within the window does not join a panic (kind)', {}, { kind: 'medical' }, 'kind'],
    ['panic 3 km away within the window does not join (distance)', {}, { point: north(3000) }, 'distance'],
    ['the window runs from the last press, not from the opening', { createdAtMs: NOW - 3_600_000, lastPressAtMs: NOW - 170_000 }, {}, 'join'],
    ['just past the window from the last press', { lastPressAtMs: NOW - 181_000 }, {}, 'window'],
    ['within the distance (250 m)', {}, { point: north(250) }, 'join'],
    ['just beyond the distance (350 m)', { lastPressPoint: null }, { point: north(350) }, 'distance'],
    ['near the last press though far from the incident (a guard running): joins', { lastPressPoint: north(500) }, { point: north(700) }, 'join'],
    ['SOS joins a panic (threat family)', {}, { kind: 'sos' }, 'join'],
    ['crime joins an SOS', { openingKind: 'sos' }, { kind: 'crime' }, 'join'],
    ['fire never joins a panic', {}, { kind: 'fire' }, 'kind'],
    ['fire never joins an unspecified radio call', { openingKind: 'radio' }, { kind: 'fire' }, 'kind'],
    ['a radio press may join a fire', { openingKind: 'fire' }, { kind: 'radio' }, 'join'],
    ['traffic joins traffic', { openingKind: 'traffic' }, { kind: 'traffic' }, 'join'],
    ['traffic never joins medical', { openingKind: 'medical' }, { kind: 'traffic' }, 'kind'],
  ])('%s', (_name, c, p, verdict) => {
    expect(joinVerdict(candidate(c), press(p), RULE)).toBe(verdict);
  });

  it('every kind joins its own kind', () => {
    for (const k of ALERT_KINDS) expect(kindsCompatible(k, k), k).toBe(true);
  });

  it('one gateway serving many guards: each press joins the incident at its own guard, never across the district', () => {
    const guards = [
      candidate({ incidentId: 'gate-a', point: AT, lastPressPoint: AT, createdAtMs: NOW - 120_000 }),
      candidate({ incidentId: 'gate-b', point: north(900), lastPressPoint: north(900), createdAtMs: NOW - 90_000 }),
      candidate({ incidentId: 'gate-c', point: north(2000), lastPressPoint: north(2000), createdAtMs: NOW - 30_000 }),
    ];
    expect(pickJoinable(guards, press({ point: north(20) }), RULE)?.incidentId).toBe('gate-a');
    expect(pickJoinable(guards, press({ point: north(910) }), RULE)?.incidentId).toBe('gate-b');
    expect(pickJoinable(guards, press({ point: north(2030) }), RULE)?.incidentId).toBe('gate-c');
    // A fourth guard, 1.4 km from everyone: a new incident.
    expect(pickJoinable(guards, press({ point: north(1450) }), RULE)).toBeNull();
  });

  it('of two that pass, the newest', () => {
    const list = [candidate({ incidentId: 'old', createdAtMs: NOW - 500_000 }), candidate({ incidentId: 'new', createdAtMs: NOW - 100_000 })];
    expect(pickJoinable(list, press(), RULE)?.incidentId).toBe('new');
  });

  it('a zero distance still joins presses at the exact place (a fixed panic button)', () => {
    expect(joinVerdict(candidate(), press(), { ...RULE, distanceM: 0 })).toBe('join');
  });
});
