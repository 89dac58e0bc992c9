import type { Priority } from '../schemas/incident.js';

/** Targets per priority: acknowledge within a minute; first arrival within 5 minutes for P1/P2. */
export interface ResponseTargets {
  ackSeconds: number;
  arrivalSeconds: number;
}

export const DEFAULT_TARGETS: Readonly<Record<Priority, ResponseTargets>> = {
  P1: { ackSeconds: 60, arrivalSeconds: 300 },
  P2: { ackSeconds: 60, arrivalSeconds: 300 },
  P3: { ackSeconds: 120, arrivalSeconds: 900 },
  P4: { ackSeconds: 300, arrivalSeconds: 1800 },
};

/** The first time each milestone was reached on an incident (any unit), ISO strings. */
export interface IncidentMilestones {
  /** when the call was answered or the alert received: every phase and clock starts here */
  receivedAt: string;
  firstDispatchedAt: string | null;
  firstAcknowledgedAt: string | null;
  firstEnRouteAt: string | null;
  firstOnSceneAt: string | null;
  resolvedAt: string | null;
}

/** Seconds per phase, null while the phase has not ended (or not begun). */
export interface ResponsePhases {
  /** received → first dispatch (NFPA 1221/1225 "alarm processing") */
  processing: number | null;
  /** the first-arriving unit's own dispatch → its en route (NFPA 1710 turnout) */
  turnout: number | null;
  /** the first-arriving unit's own en route → its arrival (NFPA 1710 travel) */
  travel: number | null;
  /** received → first arrival of any unit (total response) */
  response: number | null;
}

const secondsBetween = (a: string | null, b: string | null) => (a && b ? (Date.parse(b) - Date.parse(a)) / 1000 : null);

/**
 * The response phases as the standards define them (docs/analytics.md, "Phases"):
 * processing runs from the call's receipt to the first dispatch of any unit;
 * turnout and travel are the first-arriving unit's own (NFPA 1710), so they add up
 * to its time from its own dispatch to its arrival; total response runs from the
 * receipt to the first arrival. A unit that arrived without reporting "en route"
 * travelled from its acknowledgement (or its dispatch).
 */
export function responsePhases(receivedAt: string, assignments: readonly AssignmentTimes[]): ResponsePhases {
  const first = firstMilestones(assignments);
  const lead = firstArriving(assignments);
  const leadEnRoute = lead ? (lead.enRouteAt ?? lead.acknowledgedAt ?? lead.dispatchedAt) : null;
  return {
    processing: secondsBetween(receivedAt, first.dispatchedAt),
    turnout: lead ? secondsBetween(lead.dispatchedAt, leadEnRoute) : null,
    travel: lead ? secondsBetween(leadEnRoute, lead.onSceneAt) : null,
    response: secondsBetween(receivedAt, first.onSceneAt),
  };
}

/** What the phase rules read of an assignment (a unit sent to an incident), ISO strings. */
export interface AssignmentTimes {
  unitId: string;
  dispatchedAt: string;
  acknowledgedAt: string | null;
  enRouteAt: string | null;
  onSceneAt: string | null;
}

const earliest = (times: readonly (string | null)[]): string | null => {
  let best: string | null = null;
  for (const t of times) if (t !== null && (best === null || Date.parse(t) < Date.parse(best))) best = t;
  return best;
};

/**
 * The incident's first times: the minimum over its units of each step, whatever order
 * the reports came in. A tablet that was offline reports late with earlier times, and
 * those correct the record (incident-progress.ts applies the same rule in SQL).
 */
export function firstMilestones(assignments: readonly AssignmentTimes[]): {
  dispatchedAt: string | null;
  acknowledgedAt: string | null;
  enRouteAt: string | null;
  onSceneAt: string | null;
} {
  return {
    dispatchedAt: earliest(assignments.map((a) => a.dispatchedAt)),
    acknowledgedAt: earliest(assignments.map((a) => a.acknowledgedAt)),
    enRouteAt: earliest(assignments.map((a) => a.enRouteAt)),
    onSceneAt: earliest(assignments.map((a) => a.onSceneAt)),
  };
}

/**
 * The first unit on scene; ties go to the one dispatched first, then the smaller unit id —
 * the analytics' lead unit (migration 024) in the same order. Null while nobody arrived.
 */
export function firstArriving<A extends AssignmentTimes>(assignments: readonly A[]): A | null {
  const order = (a: A) => [Date.parse(a.onSceneAt!), Date.parse(a.dispatchedAt)] as const;
  let lead: A | null = null;
  for (const a of assignments) {
    if (a.onSceneAt === null) continue;
    if (lead === null) {
      lead = a;
      continue;
    }
    const [t, d] = order(a);
    const [lt, ld] = order(lead);
    if (t < lt || (t === lt && (d < ld || (d === ld && a.unitId < lead.unitId)))) lead = a;
  }
  return lead;
}

/** The milestones the clocks run on, from an incident as screens hold it. */
export function incidentMilestones(incident: {
  createdAt: string;
  callReceivedAt: string | null;
  milestones: { dispatchedAt: string | null; acknowledgedAt: string | null; enRouteAt: string | null; onSceneAt: string | null; resolvedAt: string | null };
}): IncidentMilestones {
  return {
    receivedAt: incident.callReceivedAt ?? incident.createdAt,
    firstDispatchedAt: incident.milestones.dispatchedAt,
    firstAcknowledgedAt: incident.milestones.acknowledgedAt,
    firstEnRouteAt: incident.milestones.enRouteAt,
    firstOnSceneAt: incident.milestones.onSceneAt,
    resolvedAt: incident.milestones.resolvedAt,
  };
}

export type ClockState = 'running' | 'met' | 'at_risk' | 'breached';

export interface ResponseClock {
  ackDeadline: string;
  arrivalDeadline: string;
  ack: ClockState;
  arrival: ClockState;
  /** Seconds left to the arrival target (negative once breached); null once someone arrived. */
  arrivalRemaining: number | null;
}

/**
 * Where an incident stands against its targets at `now`. `predictedArrivalSeconds`
 * (best ETA from routing, counted from now) turns a running clock "at risk"
 * before the breach, so the wall warns while there is still time to act.
 */
export function responseClock(m: IncidentMilestones, targets: ResponseTargets, nowMs: number, predictedArrivalSeconds: number | null = null): ResponseClock {
  const received = Date.parse(m.receivedAt);
  const ackDeadline = received + targets.ackSeconds * 1000;
  const arrivalDeadline = received + targets.arrivalSeconds * 1000;
  const acked = m.firstAcknowledgedAt ?? m.firstEnRouteAt ?? m.firstOnSceneAt;
  const ack: ClockState = acked ? (Date.parse(acked) <= ackDeadline ? 'met' : 'breached') : nowMs > ackDeadline ? 'breached' : 'running';
  let arrival: ClockState;
  if (m.firstOnSceneAt) arrival = Date.parse(m.firstOnSceneAt) <= arrivalDeadline ? 'met' : 'breached';
  else if (nowMs > arrivalDeadline) arrival = 'breached';
  else if (predictedArrivalSeconds !== null && nowMs + predictedArrivalSeconds * 1000 > arrivalDeadline) arrival = 'at_risk';
  else arrival = 'running';
  return {
    ackDeadline: new Date(ackDeadline).toISOString(),
    arrivalDeadline: new Date(arrivalDeadline).toISOString(),
    ack,
    arrival,
    arrivalRemaining: m.firstOnSceneAt ? null : Math.round((arrivalDeadline - nowMs) / 1000),
  };
}
