import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TARGETS,
  nextOnSceneCount,
  responseClock,
  responsePhases,
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

describe('response phases on fixed event sequences', () => {
  it('computes processing, turnout, travel and response', () => {
    const m = {
      receivedAt: at(0),
      firstDispatchedAt: at(45),
      firstAcknowledgedAt: at(60),
      firstEnRouteAt: at(90),
      firstOnSceneAt: at(270),
      resolvedAt: at(900),
    };
    expect(responsePhases(m)).toEqual({ processing: 45, turnout: 45, travel: 180, response: 270 });
  });
  it('leaves unfinished phases null', () => {
    const m = { receivedAt: at(0), firstDispatchedAt: at(30), firstAcknowledgedAt: null, firstEnRouteAt: null, firstOnSceneAt: null, resolvedAt: null };
    expect(responsePhases(m)).toEqual({ processing: 30, turnout: null, travel: null, response: null });
  });
  it('counts travel from acknowledgement when "en route" was never pressed', () => {
    const m = { receivedAt: at(0), firstDispatchedAt: at(10), firstAcknowledgedAt: at(20), firstEnRouteAt: null, firstOnSceneAt: at(200), resolvedAt: null };
    expect(responsePhases(m)).toMatchObject({ turnout: 10, travel: 180, response: 200 });
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
