import { apiRequest } from '../../api/http-client';
import type { FeatureCollection } from '../../map/geojson/geojson-types';

/**
 * The offline basemap's roads (`GET /api/map/roads`, LineStrings with
 * `properties.class`). Optional: any failure means "draw the map without roads".
 */
export async function fetchRoads(signal?: AbortSignal): Promise<FeatureCollection | null> {
  try {
    const body = await apiRequest<unknown>('/api/map/roads', signal ? { signal } : {});
    return isFeatureCollection(body) ? body : null;
  } catch {
    return null;
  }
}

function isFeatureCollection(value: unknown): value is FeatureCollection {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'FeatureCollection' &&
    Array.isArray((value as { features?: unknown }).features)
  );
}
