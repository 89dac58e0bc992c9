import type { StationKind } from '@lianfang/shared';
import type { OsmTags } from '../../roads/osm/osm-entities.js';

/**
 * The station kind an extract's POI stands for (docs/admin-geography.md, "Start from the
 * extract"): police → police post, fire station → fire, hospital → medical, town hall and
 * government offices → city management. Anything else is not a station.
 */
export function stationKindOf(tags: OsmTags): StationKind | null {
  switch (tags.amenity) {
    case 'police':
      return 'police_post';
    case 'fire_station':
      return 'fire';
    case 'hospital':
      return 'medical';
    case 'townhall':
      return 'city_mgmt';
  }
  if (tags.healthcare === 'hospital') return 'medical';
  if (tags.office === 'government') return 'city_mgmt';
  return null;
}

/** The name people use: local first (a Chinese extract sometimes has only `name:zh`), then English. */
export function osmNameOf(tags: OsmTags): string | null {
  const name = tags.name ?? tags['name:zh'] ?? tags['name:zh-Hans'] ?? tags['name:en'] ?? tags.official_name;
  return name?.trim() ? name.trim() : null;
}
