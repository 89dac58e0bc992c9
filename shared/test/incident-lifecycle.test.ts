import { describe, expect, it } from 'vitest';
import {
  ASSIGNMENT_STATUSES,
  INCIDENT_STATUSES,
  canAssignmentTransition,
  canTransition,
  incidentStatusFor,
  type AssignmentStatus,
  type IncidentStatus,
} from '../src/index.js';

/** Every pair of states, allowed or not, written out: the table is the specification. */
const ALLOWED: Record<IncidentStatus, IncidentStatus[]> = {
  reported: ['dispatched', 'resolved', 'cancelled', 'false_alarm'],
  dispatched: ['reported', 'acknowledged', 'en_route', 'resolved', 'cancelled', 'false_alarm'],
  acknowledged: ['reported', 'en_route', 'on_scene', 'resolved', 'cancelled', 'false_alarm'],
  en_route: ['reported', 'on_scene', 'resolved', 'cancelled', 'false_alarm'],
  on_scene: ['resolved', 'cancelled', 'false_alarm'],
  resolved: ['closed'],
  closed: [],
  cancelled: [],
  false_alarm: [],
};

describe('incident transitions', () => {
  const pairs = INCIDENT_STATUSES.flatMap((from) => INCIDENT_STATUSES.map((to) => [from, to, ALLOWED[from].includes(to)] as const));
  it.each(pairs)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });
  it('has no transition into "reported" from a closed state and none out of closed', () => {
    expect(canTransition('closed', 'reported')).toBe(false);
    expect(canTransition('resolved', 'on_scene')).toBe(false);
  });
});

describe('assignment transitions', () => {
  const allowed: Record<AssignmentStatus, AssignmentStatus[]> = {
    dispatched: ['acknowledged', 'en_route', 'declined', 'cleared'],
    acknowledged: ['en_route', 'on_scene', 'cleared'],
    en_route: ['on_scene', 'cleared'],
    on_scene: ['cleared'],
    cleared: [],
    declined: [],
  };
  const pairs = ASSIGNMENT_STATUSES.flatMap((from) => ASSIGNMENT_STATUSES.map((to) => [from, to, allowed[from].includes(to)] as const));
  it.each(pairs)('%s → %s allowed: %s', (from, to, ok) => expect(canAssignmentTransition(from, to)).toBe(ok));
  it('a unit never dispatched can only be dispatched (no "on scene" from nowhere)', () => {
    for (const to of ASSIGNMENT_STATUSES) expect(canAssignmentTransition(null, to)).toBe(to === 'dispatched');
  });
});

describe('incident status from its units', () => {
  it.each([
    ['reported', [], 'reported'],
    ['reported', [{ status: 'dispatched' }], 'dispatched'],
    ['dispatched', [{ status: 'dispatched' }, { status: 'en_route' }], 'en_route'],
    ['en_route', [{ status: 'declined' }, { status: 'cleared' }], 'reported'],
    ['en_route', [{ status: 'cleared', onSceneAt: '2026-01-01T00:00:00Z' }], 'on_scene'],
    ['resolved', [{ status: 'on_scene' }], 'resolved'],
  ] as const)('%s with %j → %s', (current, assignments, expected) => {
    expect(incidentStatusFor(current, assignments)).toBe(expected);
  });
});
