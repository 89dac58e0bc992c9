import type { AlertRaise, CreateIncident, Outcome, PositionReport, UnitStatus } from '@lianfang/shared';

/**
 * A command the tablet made, kept until the server confirmed it. `createdAt`
 * is the moment the captain acted, so a late delivery still carries the real time.
 */
export type QueuedCommand =
  | { id: string; kind: 'position:report'; createdAt: string; payload: PositionReport }
  | { id: string; kind: 'alert:raise'; createdAt: string; payload: AlertRaise }
  | { id: string; kind: 'unit:status'; createdAt: string; unitId: string; status: UnitStatus }
  /**
   * the unit's progress on an incident (acknowledge, en route, on scene) or its decline (with the
   * reason); sent with `at` = createdAt. `confirmFar`: on scene confirmed although the tablet was far.
   */
  | {
      id: string;
      kind: 'assignment:status';
      createdAt: string;
      incidentId: string;
      unitId: string;
      status: 'acknowledged' | 'en_route' | 'on_scene' | 'declined';
      reason?: string;
      confirmFar?: boolean;
    }
  | { id: string; kind: 'incident:resolve'; createdAt: string; incidentId: string; outcome: Outcome }
  /** an incident reported from the street (the form), at the tablet's location */
  | { id: string; kind: 'incident:report'; createdAt: string; payload: CreateIncident };

export type QueuedCommandKind = QueuedCommand['kind'];

/** How a delivery attempt ended: done (or refused for good) leaves the queue; `retry` stays first. */
export type DeliveryResult =
  | { outcome: 'delivered'; detail?: unknown }
  /** `field`: the input the server blamed (e.g. `confirmFar`: on scene from too far), so the screen can ask for it */
  | { outcome: 'refused'; message: string; field?: string }
  | { outcome: 'retry'; message: string };

export function newCommandId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

/** The next command to send: alerts jump the queue (a life comes before a breadcrumb), otherwise oldest first. */
export function nextToSend(queue: readonly QueuedCommand[]): QueuedCommand | undefined {
  return queue.find((c) => c.kind === 'alert:raise') ?? queue[0];
}

/** Positions beyond this are thinned (oldest first); alerts and status changes are never dropped. */
export const MAX_QUEUED_POSITIONS = 720;

export function withinPositionBudget(queue: QueuedCommand[]): QueuedCommand[] {
  const positions = queue.filter((c) => c.kind === 'position:report').length;
  if (positions <= MAX_QUEUED_POSITIONS) return queue;
  let drop = positions - MAX_QUEUED_POSITIONS;
  return queue.filter((c) => !(c.kind === 'position:report' && drop-- > 0));
}
