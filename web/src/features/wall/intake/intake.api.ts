import type { CandidatesReply, CreateIncident, Incident, IncidentCategory, JoinCall } from '@lianfang/shared';
import { apiRequest } from '../../../api/http-client';

/** Opens an incident from a call (caller, callback, address, description, received time). */
export function createIncident(body: CreateIncident): Promise<Incident> {
  return apiRequest<Incident>('/api/incidents', { method: 'POST', body });
}

/** Units for a point not yet an incident, ranked as the desk ranks them: by what the case needs (its category), then road ETA. */
export function fetchCandidatesAt(
  point: { lat: number; lon: number },
  category: IncidentCategory | null,
  limit: number,
  signal?: AbortSignal,
): Promise<CandidatesReply> {
  return apiRequest<CandidatesReply>('/api/candidates', {
    method: 'POST',
    body: { ...point, ...(category ? { category } : {}), limit },
    ...(signal ? { signal } : {}),
  });
}

/** Records another call on an open incident (a duplicate joined instead of opened). */
export function joinCall(incidentId: string, body: JoinCall): Promise<Incident> {
  return apiRequest<Incident>(`/api/incidents/${encodeURIComponent(incidentId)}/calls`, { method: 'POST', body });
}
