import type { Incident, IncidentPhoto, UnitRoute } from '@lianfang/shared';
import { apiRequest } from '../../api/http-client';

/** The road route and ETA of this tablet's unit to an incident (the server allows a captain only their own unit). */
export function fetchUnitRoute(incidentId: string, unitId: string, signal?: AbortSignal): Promise<UnitRoute> {
  return apiRequest<UnitRoute>(`/api/incidents/${encodeURIComponent(incidentId)}/units/${encodeURIComponent(unitId)}/route`, signal ? { signal } : {});
}

/** Attaches a photo (already resized) to an incident. */
export function uploadIncidentPhoto(incidentId: string, photo: Blob): Promise<{ photo: IncidentPhoto; incident: Incident }> {
  return apiRequest(`/api/incidents/${encodeURIComponent(incidentId)}/photos`, { method: 'POST', rawBody: photo });
}
