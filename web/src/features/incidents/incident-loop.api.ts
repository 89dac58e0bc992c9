import type { Department, Incident, LadderLevel, Outcome, Task } from '@lianfang/shared';
import { apiRequest } from '../../api/http-client';

/**
 * The desk's closed-loop commands (the operator acting for a unit that only has a radio, the ends
 * of the loop, the ladder and plan tasks). Each answers with the incident as it now is; every other
 * screen hears of it by socket.
 */
const base = (id: string) => `/api/incidents/${encodeURIComponent(id)}`;

/** A step of one unit; `at` is the time told on the radio (omitted = now). */
export type UnitStep = 'acknowledged' | 'en_route' | 'on_scene' | 'cleared';

export function setUnitStep(id: string, unitId: string, status: UnitStep, at?: string): Promise<Incident> {
  return apiRequest<Incident>(`${base(id)}/units/${encodeURIComponent(unitId)}/status`, { method: 'POST', body: { status, ...(at ? { at } : {}) } });
}

export function resolveWithLevel(id: string, body: { outcome: Outcome; settledLevel: LadderLevel; note?: string }): Promise<Incident> {
  return apiRequest<Incident>(`${base(id)}/resolve`, { method: 'POST', body });
}

export function cancelIncident(id: string, as: 'cancelled' | 'false_alarm', note: string): Promise<Incident> {
  return apiRequest<Incident>(`${base(id)}/cancel`, { method: 'POST', body: { as, note } });
}

/** The evaluation (评价) that closes a resolved incident. */
export function closeWithEvaluation(id: string, rating: number, feedback?: string): Promise<Incident> {
  return apiRequest<Incident>(`${base(id)}/close`, { method: 'POST', body: { rating, ...(feedback ? { feedback } : {}) } });
}

export function blowWhistle(id: string, departments: Department[], minutes: number): Promise<Incident> {
  return apiRequest<Incident>(`${base(id)}/whistle`, { method: 'POST', body: { departments, minutes } });
}

export function reportIn(id: string, department: Department): Promise<Incident> {
  return apiRequest<Incident>(`${base(id)}/report-in`, { method: 'POST', body: { department } });
}

export function updateTask(id: string, index: number, state: Task['state']): Promise<Incident> {
  return apiRequest<Incident>(`${base(id)}/tasks/${index}`, { method: 'POST', body: { state } });
}

/** Resolved, not yet evaluated: they have left the live picture, so they are read here. */
export function fetchAwaitingEvaluation(signal?: AbortSignal): Promise<Incident[]> {
  return apiRequest<Incident[]>('/api/incidents/awaiting-evaluation?limit=50', signal ? { signal } : {});
}
