import type { Alert, CandidatesReply, Force, Incident, Mode, Outcome, TimelineEntry } from '@lianfang/shared';
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
/** The incident's candidates, ranked by capability for its category then ETA; `force`/`mode` narrow the list (null: all). */
export function fetchCandidates(id: string, limit = 8, filters: CandidateFilter = { force: null, mode: null }, signal?: AbortSignal): Promise<CandidatesReply> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (filters.force) query.set('force', filters.force);
  if (filters.mode) query.set('mode', filters.mode);
  return apiRequest<CandidatesReply>(`${base(id)}/candidates?${query.toString()}`, signal ? { signal } : {});
}

/** The desk's force and mode chips. */
export interface CandidateFilter {
  force: Force | null;
  mode: Mode | null;
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
