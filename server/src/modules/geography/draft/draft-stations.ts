import { distanceM, type StationFeature, type StationKind } from '@lianfang/shared';
import type { DraftPoi } from './osm-draft-collector.js';

/** What an unnamed POI is called until the administrator names it (the console is zh-CN first). */
const UNNAMED: Readonly<Record<StationKind, string>> = {
  safety_station: '治安站',
  police_post: '派出所',
  fire: '消防站',
  medical: '医院',
  city_mgmt: '政府机关',
};
/** A hospital mapped both as a point and as its grounds is one station. */
const SAME_PLACE_M = 300;
const NAME_MAX = 80;

/** Station features in the import format, one per POI, coded by its OSM element (`OSM-N…`, `OSM-W…`). */
export function draftStations(pois: readonly DraftPoi[]): StationFeature[] {
  const kept: DraftPoi[] = [];
  for (const poi of pois) {
    const twin = kept.find((k) => k.kind === poi.kind && k.name !== null && k.name === poi.name && distanceM(k.lat, k.lon, poi.lat, poi.lon) < SAME_PLACE_M);
    if (!twin) kept.push(poi);
  }
  return kept.map((poi) => {
    const code = `OSM-${poi.osmId}`;
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [poi.lon, poi.lat] },
      properties: { code, name: (poi.name ?? `${UNNAMED[poi.kind]} ${poi.osmId}`).slice(0, NAME_MAX), kind: poi.kind },
    };
  });
}
