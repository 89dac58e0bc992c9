import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TARGETS,
  nextOnSceneCount,
  responseClock,
  responsePhases,
  firstArriving,
  firstMilestones,
  isOverdue,
  isWatchedAt,
  lastVisit,
  nextLevel,
  overdueCallIns,
  callInsToEscalate,
  startLevel,
} from '../src/index.js';

const at = (s: number) => new Date(Date.parse('2026-11-22T10:00:00Z') + s * 1000).toISOString();
const T0 = Date.parse('2026-11-22T10:00:00Z');

const unit = (unitId: string, d: number, k: number | null, e: number | null, o: number | null) => ({
  unitId,
  dispatchedAt: at(d),
  acknowledgedAt: k === null ? null : at(k),
  enRouteAt: e === null ? null : at(e),
  onSceneAt: o === null ? null : at(o),
});

describe('response phases (NFPA: processing to the first dispatch, turnout and travel of the first-arriving unit)', () => {
  it('computes processing, turnout, travel and response', () => {
    expect(responsePhases(at(0), [unit('a', 45, 60, 90, 270)])).toEqual({ processing: 45, turnout: 45, travel: 180, response: 270 });
  });
  it('leaves unfinished phases null', () => {
    expect(responsePhases(at(0), [unit('a', 30, null, null, null)])).toEqual({ processing: 30, turnout: null, travel: null, response: null });
  });
  it('counts travel from acknowledgement when "en route" was never pressed', () => {
    expect(responsePhases(at(0), [unit('a', 10, 20, null, 200)])).toMatchObject({ turnout: 10, travel: 180, response: 200 });
  });
  it("takes turnout and travel from the unit that arrived first, not the first en route of another (the issue's 34/160 against 64/130)", () => {
    // A: sent at 30, moved at 64 (the first en route), arrived at 400; B: sent at 36, moved at 100, arrived at 230
    const phases = responsePhases(at(0), [unit('a', 30, 40, 64, 400), unit('b', 36, 50, 100, 230)]);
    expect(phases).toEqual({ processing: 30, turnout: 64, travel: 130, response: 230 });
  });
  it('a late report with earlier times wins: the first times are minima over units, whatever order they came in', () => {
    const late = [unit('a', 0, 50, 50, 250), unit('b', 0, 40, 40, 180)];
    expect(firstMilestones(late)).toEqual({ dispatchedAt: at(0), acknowledgedAt: at(40), enRouteAt: at(40), onSceneAt: at(180) });
    expect(firstArriving(late)?.unitId).toBe('b');
    expect(firstArriving([...late].reverse())?.unitId).toBe('b');
  });
  it('a tie in arrival goes to the unit dispatched first, then the smaller id', () => {
    expect(firstArriving([unit('a', 20, null, 30, 200), unit('b', 10, null, 50, 200)])?.unitId).toBe('b');
    expect(firstArriving([unit('b', 10, null, 30, 200), unit('a', 10, null, 50, 200)])?.unitId).toBe('a');
    expect(firstArriving([unit('a', 10, 20, null, null)])).toBeNull();
  });
});

describe('response clock (P1: ack 60 s, arrival 300 s)', () => {
  const base = { receivedAt: at(0), firstDispatchedAt: at(20), firstAcknowledgedAt: null, firstEnRouteAt: null, firstOnSceneAt: null, resolvedAt: null };
  it.each([
    ['running early', base, 30, null, { ack: 'running', arrival: 'running', arrivalRemaining: 270 }],
    ['ack breached after 60 s', base, 61, null, { ack: 'breached', arrival: 'running' }],
    ['at risk when the best ETA lands after the target', base, 100, 240, { arrival: 'at_risk', arrivalRemaining: 200 }],
    ['not at risk when the ETA fits', base, 100, 150, { arrival: 'running' }],
    ['breached after 300 s', base, 301, null, { arrival: 'breached', arrivalRemaining: -1 }],
    [
      'met when first on scene in time',
      { ...base, firstAcknowledgedAt: at(40), firstOnSceneAt: at(280) },
      400,
      null,
      { ack: 'met', arrival: 'met', arrivalRemaining: null },
    ],
    ['breached when on scene late', { ...base, firstAcknowledgedAt: at(70), firstOnSceneAt: at(320) }, 400, null, { ack: 'breached', arrival: 'breached' }],
  ] as const)('%s', (_name, m, nowS, eta, expected) => {
    expect(responseClock(m, DEFAULT_TARGETS.P1, T0 + nowS * 1000, eta)).toMatchObject(expected);
  });
});

describe('escalation ladder', () => {
  it('climbs grid → community → street → department and stops', () => {
    expect(nextLevel('grid')).toBe('community');
    expect(nextLevel('street')).toBe('department');
    expect(nextLevel('department')).toBeNull();
  });
  it('starts fires at the street office, disputes at the grid', () => {
    expect(startLevel('fire')).toBe('street');
    expect(startLevel('dispute')).toBe('grid');
  });
  it('finds call-ins that did not report in by their deadline', () => {
    const callIns = [
      { department: 'fire' as const, summonedAt: at(0), deadline: at(600), reportedAt: null, reportedBy: null, escalatedAt: null },
      { department: 'police' as const, summonedAt: at(0), deadline: at(600), reportedAt: at(300), reportedBy: 'user:op', escalatedAt: null },
      { department: 'medical' as const, summonedAt: at(0), deadline: at(1200), reportedAt: null, reportedBy: null, escalatedAt: null },
      { department: 'housing' as const, summonedAt: at(0), deadline: at(300), reportedAt: null, reportedBy: null, escalatedAt: at(301) },
    ];
    expect(overdueCallIns(callIns, T0 + 700_000).map((c) => c.department)).toEqual(['fire', 'housing']);
    // housing already lifted the case once: it stays overdue on screen but does not escalate again
    expect(callInsToEscalate(callIns, T0 + 700_000).map((c) => c.department)).toEqual(['fire']);
  });
});

describe('on-scene detection from synthetic tracks', () => {
  const incident = { lat: 30.26, lon: 120.17 };
  it('needs three consecutive fixes within 75 m', () => {
    const track = [
      [30.265, 120.17],
      [30.2603, 120.1702],
      [30.2601, 120.1701],
      [30.27, 120.17],
      [30.2601, 120.17],
      [30.26, 120.1701],
      [30.26, 120.17],
    ];
    let count = 0;
    const arrivals = track.map(([lat, lon]) => {
      const r = nextOnSceneCount(count, { lat: lat!, lon: lon! }, incident);
      count = r.count;
      return r.arrived;
    });
    // A pass-by (2 fixes) then leaving resets; the third consecutive fix after returning arrives.
    expect(arrivals).toEqual([false, false, false, false, false, false, true]);
  });
});

describe('key areas', () => {
  const ring: [number, number][] = [
    [120, 30],
    [120.001, 30],
    [120.001, 30.001],
    [120, 30.001],
  ];
  const nights = { ring, everyMinutes: 30, from: '20:00', to: '06:00' };
  it('knows its hours, wrapping midnight', () => {
    expect(isWatchedAt(nights, 21 * 60)).toBe(true);
    expect(isWatchedAt(nights, 3 * 60)).toBe(true);
    expect(isWatchedAt(nights, 12 * 60)).toBe(false);
    expect(isWatchedAt({ from: '00:00', to: '00:00' }, 12 * 60)).toBe(true);
  });
  it('derives the last visit from positions', () => {
    const track = [
      { lat: 30.0005, lon: 120.0005, atMs: 1000 },
      { lat: 30.01, lon: 120.01, atMs: 5000 },
      { lat: 30.0002, lon: 120.0009, atMs: 3000 },
    ];
    expect(lastVisit({ ring }, track)).toBe(3000);
    expect(lastVisit({ ring }, [{ lat: 31, lon: 121, atMs: 1 }])).toBeNull();
  });
  it('is overdue only after N minutes inside its window without a visit', () => {
    const now = T0;
    // 21:00 local, last visit 20 minutes ago → fine; 40 minutes ago → overdue.
    expect(isOverdue(nights, now - 20 * 60_000, now, 21 * 60)).toBe(false);
    expect(isOverdue(nights, now - 40 * 60_000, now, 21 * 60)).toBe(true);
    // 20:10, last visit yesterday: the window opened 10 minutes ago, not yet overdue.
    expect(isOverdue(nights, now - 20 * 3600_000, now, 20 * 60 + 10)).toBe(false);
    // Noon: not watched.
    expect(isOverdue(nights, null, now, 12 * 60)).toBe(false);
    // Round the clock, never visited → overdue.
    expect(isOverdue({ ...nights, from: '00:00', to: '00:00' }, null, now, 12 * 60)).toBe(true);
  });
});
