import type { Incident, IncidentPhoto } from '@lianfang/shared';

/** Where the browser loads a photo from (the session cookie authenticates it, as for every page request). */
export function photoUrl(photoId: string): string {
  return `/api/photos/${encodeURIComponent(photoId)}`;
}

/** An incident's photos, oldest first; none from a server that does not send them. */
export function photosOf(incident: Incident): IncidentPhoto[] {
  return incident.photos ?? [];
}
