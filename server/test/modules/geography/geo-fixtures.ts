import type { Ring } from '@lianfang/shared';

/** A closed rectangle [lon, lat] from its south-west and north-east corners (degrees). */
export function box(w: number, s: number, e: number, n: number): Ring {
  return [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ];
}

/** Near Nanjing's Xinjiekou; 0.01° is about 1 km. */
export const STREET_RING = box(118.77, 32.03, 118.79, 32.05);
export const COMMUNITY_RING = box(118.772, 32.032, 118.782, 32.042);
export const GRID_RING = box(118.773, 32.033, 118.776, 32.036);
/** Mostly east of the community. */
export const OUTSIDE_RING = box(118.78, 32.033, 118.786, 32.036);
/** A bow tie: its edges cross. */
export const BOW_TIE: Ring = [
  [118.773, 32.033],
  [118.776, 32.036],
  [118.776, 32.033],
  [118.773, 32.036],
  [118.773, 32.033],
];

export const gridFeature = (code: string, name: string, level: string, parentCode: string | null, ring: Ring, extra: object = {}) => ({
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: [ring] },
  properties: { code, name, level, parentCode, ...extra },
});

export const stationFeature = (code: string, name: string, kind: string, lon: number, lat: number) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { code, name, kind },
});

export const collection = (features: object[]) => ({ type: 'FeatureCollection', features });
