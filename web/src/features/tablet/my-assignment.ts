import type { Assignment, Incident } from '@lianfang/shared';
import type { QueuedCommand } from '../../realtime/outbox/queued-command';

/** What the captain's one big button does next on an incident, from their unit's assignment ('resolve' = clear, with an outcome). */
export type NextStep = 'acknowledged' | 'en_route' | 'on_scene' | 'resolve' | null;

export function myAssignment(incident: Incident, unitId: string): Assignment | undefined {
  return (incident.assignments ?? []).find((a) => a.unitId === unitId && a.status !== 'cleared' && a.status !== 'declined');
}

/**
 * The step after the current one, counting commands still in the outbox (sent
 * without signal) as done: the button moves on at once and the queue keeps order.
 */
export function nextStep(incident: Incident, unitId: string, queued: readonly QueuedCommand[]): NextStep {
  const a = myAssignment(incident, unitId);
  if (!a) return null;
  let status: string = a.status;
  for (const c of queued) {
    if (c.kind === 'assignment:status' && c.incidentId === incident.id && c.unitId === unitId) status = c.status;
    if (status === 'declined') return null;
    if (c.kind === 'incident:resolve' && c.incidentId === incident.id) return null;
  }
  switch (status) {
    case 'dispatched':
      return 'acknowledged';
    case 'acknowledged':
      return 'en_route';
    case 'en_route':
      return 'on_scene';
    case 'on_scene':
      return 'resolve';
    default:
      return null;
  }
}

/** Dispatches this unit has not acknowledged yet (nor queued an acknowledgement for): the loud prompt. */
export function unacknowledged(incidents: readonly Incident[], unitId: string, queued: readonly QueuedCommand[]): Incident[] {
  return incidents.filter((i) => nextStep(i, unitId, queued) === 'acknowledged');
}

/**
 * The incident the tablet is working now: the most urgent one this unit is assigned to and has
 * not finished (the list is already sorted by urgency). Reports it only filed do not count.
 */
export function currentAssignment(incidents: readonly Incident[], unitId: string, queued: readonly QueuedCommand[]): Incident | null {
  return incidents.find((i) => nextStep(i, unitId, queued) !== null) ?? null;
}
