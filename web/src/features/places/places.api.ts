import type { PlaceSearchReply } from '@lianfang/shared';
import { apiRequest } from '../../api/http-client';

/** `GET /api/places`: streets, crossings, named places, addresses, grids, stations, key areas, units; nearer `near` ranks higher. */
export function searchPlaces(q: string, near: { lat: number; lon: number } | null, limit: number, signal?: AbortSignal): Promise<PlaceSearchReply> {
  const params = new URLSearchParams({ q, limit: String(limit) });
  if (near) params.set('near', `${near.lat.toFixed(6)},${near.lon.toFixed(6)}`);
  return apiRequest<PlaceSearchReply>(`/api/places?${params.toString()}`, signal ? { signal } : {});
}
