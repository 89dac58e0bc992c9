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
  receivedAt: string;
  firstDispatchedAt: string | null;
  firstAcknowledgedAt: string | null;
  firstEnRouteAt: string | null;
  firstOnSceneAt: string | null;
  resolvedAt: string | null;
}

/** Seconds per phase, null while the phase has not ended (or not begun). */
export interface ResponsePhases {
  /** alert received → dispatched */
  processing: number | null;
  /** dispatched → en route */
  turnout: number | null;
  /** en route → on scene */
  travel: number | null;
  /** alert received → first on scene */
  response: number | null;
}

const secondsBetween = (a: string | null, b: string | null) => (a && b ? (Date.parse(b) - Date.parse(a)) / 1000 : null);

export function responsePhases(m: IncidentMilestones): ResponsePhases {
  // A unit that reached the scene without reporting "en route" travelled from its dispatch.
  const enRoute = m.firstEnRouteAt ?? (m.firstOnSceneAt ? (m.firstAcknowledgedAt ?? m.firstDispatchedAt) : null);
  return {
    processing: secondsBetween(m.receivedAt, m.firstDispatchedAt),
    turnout: secondsBetween(m.firstDispatchedAt, enRoute),
    travel: secondsBetween(enRoute, m.firstOnSceneAt),
    response: secondsBetween(m.receivedAt, m.firstOnSceneAt),
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
