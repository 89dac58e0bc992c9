import { distanceM, pointInRing, type GridFeature, type StationFeature, type StationKind } from '@lianfang/shared';
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
/** Unnamed ones of a kind this close are parts of one compound (a police station's buildings). */
const SAME_UNNAMED_M = 150;
const NAME_MAX = 80;

/**
 * Station features in the import format, one per POI, coded by its OSM element (`OSM-N…`, `OSM-W…`).
 * An unnamed one is called by its kind and the draft's area it stands in ("医院（Encamp）", "派出所（B3-5）"),
 * numbered when there are several, never by an OSM id.
 */
export function draftStations(pois: readonly DraftPoi[], grids: readonly GridFeature[]): StationFeature[] {
  const kept: DraftPoi[] = [];
  for (const poi of pois) {
    const twin = kept.find((k) => {
      if (k.kind !== poi.kind || k.name !== poi.name) return false;
      return distanceM(k.lat, k.lon, poi.lat, poi.lon) < (poi.name === null ? SAME_UNNAMED_M : SAME_PLACE_M);
    });
    if (!twin) kept.push(poi);
  }
  // The finest area first: a community names a place better than its street.
  const areas = [...grids].sort((a, b) => (a.properties.level === b.properties.level ? 0 : a.properties.level === 'street' ? 1 : -1));
  const places = kept.map((poi) => (poi.name ? '' : placeOf(poi, areas)));
  const times = new Map<string, number>();
  for (const [i, poi] of kept.entries()) if (!poi.name) times.set(`${poi.kind}|${places[i]}`, (times.get(`${poi.kind}|${places[i]}`) ?? 0) + 1);
  const seen = new Map<string, number>();
  return kept.map((poi, i) => {
    let name = poi.name;
    if (name === null) {
      const key = `${poi.kind}|${places[i]}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      name = `${UNNAMED[poi.kind]}${(times.get(key) ?? 0) > 1 ? ` ${n}` : ''}${places[i]}`;
    }
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [poi.lon, poi.lat] },
      properties: { code: `OSM-${poi.osmId}`, name: name.slice(0, NAME_MAX), kind: poi.kind },
    };
  });
}

/** "（Encamp）": the finest area of the draft the POI stands in, or nothing outside them all. */
function placeOf(poi: DraftPoi, areas: readonly GridFeature[]): string {
  const area = areas.find((g) => pointInRing(poi.lon, poi.lat, g.geometry.coordinates[0]!));
  return area ? `（${area.properties.name}）` : '';
}
