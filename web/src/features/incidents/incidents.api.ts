import type { Alert, CandidatesReply, Incident, Outcome, TimelineEntry } from '@lianfang/shared';
import { apiRequest } from '../../api/http-client';

/** One line of an incident's timeline (the schema is in shared: actor named by the server). */
export type { TimelineEntry } from '@lianfang/shared';
export interface IncidentDetail {
  incident: Incident;
  alerts: Alert[];
  timeline: TimelineEntry[];
}

const base = (id: string) => `/api/incidents/${encodeURIComponent(id)}`;

/** The incident with its alerts and timeline (control room roles). */
export function fetchIncidentDetail(id: string, signal?: AbortSignal): Promise<IncidentDetail> {
  return apiRequest<IncidentDetail>(base(id), signal ? { signal } : {});
}

/** Units ranked by road ETA to the incident: available ones first, then busy ones. */
export function fetchCandidates(id: string, limit = 8, signal?: AbortSignal): Promise<CandidatesReply> {
  return apiRequest<CandidatesReply>(`${base(id)}/candidates?limit=${limit}`, signal ? { signal } : {});
}

export function dispatchUnits(id: string, unitIds: string[]): Promise<Incident> {
  return apiRequest<Incident>(`${base(id)}/dispatch`, { method: 'POST', body: { unitIds } });
}

export function escalateIncident(id: string, reason: string): Promise<Incident> {
  return apiRequest<Incident>(`${base(id)}/escalate`, { method: 'POST', body: { reason } });
}

export function resolveIncident(id: string, outcome: Outcome, note?: string): Promise<Incident> {
  return apiRequest<Incident>(`${base(id)}/resolve`, { method: 'POST', body: { outcome, ...(note ? { note } : {}) } });
}
