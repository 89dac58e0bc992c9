import type { IncidentStatus } from '../schemas/incident.js';

/**
 * The closed loop every case runs: found → dispatched → acknowledged → en route
 * → on scene → resolved → closed (evaluated); cancelled and false alarm from any
 * open state. The server enforces these tables; the tablet and the wall use them
 * to show only the buttons that can work.
 */
export const INCIDENT_TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
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

export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return INCIDENT_TRANSITIONS[from].includes(to);
}

/** One unit's part in one incident (a joint response has several, each with its own clock). */
export const ASSIGNMENT_STATUSES = ['dispatched', 'acknowledged', 'en_route', 'on_scene', 'cleared', 'declined'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const ASSIGNMENT_TRANSITIONS: Readonly<Record<AssignmentStatus, readonly AssignmentStatus[]>> = {
  // Going en route implies the dispatch was heard; arriving without ever moving does not.
  dispatched: ['acknowledged', 'en_route', 'declined', 'cleared'],
  acknowledged: ['en_route', 'on_scene', 'cleared'],
  en_route: ['on_scene', 'cleared'],
  on_scene: ['cleared'],
  cleared: [],
  declined: [],
};

/** A unit still working the incident: neither declined nor cleared (both are final, see above). */
export function isLiveAssignment(a: { status: AssignmentStatus }): boolean {
  return a.status !== 'cleared' && a.status !== 'declined';
}

export function canAssignmentTransition(from: AssignmentStatus | null, to: AssignmentStatus): boolean {
  if (from === null) return to === 'dispatched';
  return ASSIGNMENT_TRANSITIONS[from].includes(to);
}

const PROGRESS: Partial<Record<AssignmentStatus, number>> = { dispatched: 1, acknowledged: 2, en_route: 3, on_scene: 4 };
const STATUS_AT: Record<number, IncidentStatus> = { 0: 'reported', 1: 'dispatched', 2: 'acknowledged', 3: 'en_route', 4: 'on_scene' };

/**
 * An open incident is as far along as its most advanced active unit: the first
 * on scene makes it "on scene". Once on scene it stays so (someone was there);
 * if every unit declined or cleared before arriving, it is back to "reported"
 * and needs a new dispatch.
 */
export function incidentStatusFor(current: IncidentStatus, assignments: readonly { status: AssignmentStatus; onSceneAt?: string | null }[]): IncidentStatus {
  if (!['reported', 'dispatched', 'acknowledged', 'en_route', 'on_scene'].includes(current)) return current;
  if (current === 'on_scene' || assignments.some((a) => a.onSceneAt)) return 'on_scene';
  const best = Math.max(0, ...assignments.map((a) => PROGRESS[a.status] ?? 0));
  return STATUS_AT[best]!;
}

/** Unit status that follows from its assignment (what the status board shows). */
export function unitStatusForAssignment(status: AssignmentStatus): 'dispatched' | 'en_route' | 'on_scene' | 'available' {
  switch (status) {
    case 'dispatched':
    case 'acknowledged':
      return 'dispatched';
    case 'en_route':
      return 'en_route';
    case 'on_scene':
      return 'on_scene';
    default:
      return 'available';
  }
}
