import type { OsmTags } from '../osm/osm-entities.js';
import type { BasemapLayer, BasemapProperties } from './basemap-layers.js';

/**
 * Which OSM objects the basemap draws, in which layer, from which zoom, with which
 * properties. Tag rules only: geometry is built by the collector.
 */
export interface BasemapClass {
  readonly layer: BasemapLayer;
  readonly minzoom: number;
  readonly properties: BasemapProperties;
}

/** Road classes by the zoom they appear from: arterials at 10, side streets at 12, paths at 14. */
const ROAD_MINZOOM: Readonly<Record<string, number>> = {
  motorway: 10,
  motorway_link: 10,
  trunk: 10,
  trunk_link: 10,
  primary: 10,
  primary_link: 10,
  secondary: 10,
  secondary_link: 10,
  tertiary: 11,
  tertiary_link: 11,
  residential: 12,
  unclassified: 12,
  road: 12,
  living_street: 12,
  service: 14,
  pedestrian: 14,
  track: 14,
  busway: 14,
  footway: 14,
  path: 14,
  cycleway: 14,
  steps: 14,
  bridleway: 14,
  corridor: 15,
};

const RAILWAYS = new Set(['rail', 'subway', 'light_rail', 'tram', 'narrow_gauge', 'monorail', 'funicular']);
const WATERWAY_MINZOOM: Readonly<Record<string, number>> = { river: 10, canal: 10, stream: 13, ditch: 14, drain: 14 };

/** Land cover and land use, under the streets; parks and green first, that is what a wall needs to read. */
const LANDUSE_KEYS: readonly (readonly [string, ReadonlySet<string>])[] = [
  ['leisure', new Set(['park', 'garden', 'playground', 'pitch', 'nature_reserve', 'stadium', 'sports_centre', 'golf_course'])],
  [
    'landuse',
    new Set([
      'grass',
      'forest',
      'meadow',
      'recreation_ground',
      'residential',
      'commercial',
      'retail',
      'industrial',
      'cemetery',
      'farmland',
      'allotments',
      'railway',
      'education',
      'construction',
      'village_green',
    ]),
  ],
  ['natural', new Set(['wood', 'scrub', 'grassland', 'heath', 'bare_rock', 'glacier', 'sand', 'beach'])],
  ['amenity', new Set(['school', 'university', 'college', 'hospital', 'kindergarten'])],
];

/** Named places a control room is asked about, grouped into the classes the style draws. */
const POI_RULES: readonly (readonly [string, Readonly<Record<string, readonly [string, number]>>])[] = [
  [
    'amenity',
    {
      police: ['police', 13],
      fire_station: ['fire', 13],
      hospital: ['hospital', 13],
      clinic: ['hospital', 14],
      doctors: ['hospital', 15],
      school: ['school', 14],
      university: ['school', 14],
      college: ['school', 14],
      kindergarten: ['school', 15],
      marketplace: ['market', 14],
      townhall: ['government', 14],
      bus_station: ['transit', 13],
      pharmacy: ['shop', 15],
    },
  ],
  ['railway', { station: ['transit', 13], halt: ['transit', 14], subway_entrance: ['transit', 15], tram_stop: ['transit', 15] }],
  ['public_transport', { station: ['transit', 13] }],
  ['highway', { bus_stop: ['transit', 15] }],
  ['shop', { supermarket: ['market', 14], mall: ['market', 14], department_store: ['market', 14] }],
];

const PLACE_MINZOOM: Readonly<Record<string, number>> = { city: 10, town: 10, suburb: 11, quarter: 13, village: 12, neighbourhood: 14, hamlet: 14 };

/** `name`, `name:zh`, `name:en` and `ref`, only those present. */
export function nameProperties(tags: OsmTags): BasemapProperties {
  const out: BasemapProperties = {};
  for (const key of ['name', 'name:zh', 'name:en', 'ref']) {
    const value = tags[key];
    if (value) out[key] = value;
  }
  return out;
}

const isOneway = (tags: OsmTags): boolean =>
  ['yes', '1', 'true', '-1'].includes(tags.oneway ?? '') || tags.junction === 'roundabout' || (tags.highway === 'motorway' && tags.oneway !== 'no');

/** A way drawn as a line: a street, a railway, a river. */
export function lineClass(tags: OsmTags): BasemapClass | null {
  const highway = tags.highway;
  if (highway && ROAD_MINZOOM[highway] !== undefined && tags.area !== 'yes') {
    return { layer: 'roads', minzoom: ROAD_MINZOOM[highway], properties: { class: highway, oneway: isOneway(tags), ...nameProperties(tags) } };
  }
  const railway = tags.railway;
  if (railway && RAILWAYS.has(railway) && !tags.service) return { layer: 'railway', minzoom: 10, properties: { class: railway, ...nameProperties(tags) } };
  const waterway = tags.waterway;
  if (waterway && WATERWAY_MINZOOM[waterway] !== undefined) {
    return { layer: 'waterway', minzoom: WATERWAY_MINZOOM[waterway], properties: { class: waterway, ...nameProperties(tags) } };
  }
  if (tags.boundary === 'administrative' && tags.admin_level) return boundaryClass(tags);
  return null;
}

/** A closed way or a multipolygon drawn as an area: water, green, land use, a building. */
export function areaClass(tags: OsmTags): BasemapClass | null {
  if (tags.natural === 'water' || tags.waterway === 'riverbank' || tags.landuse === 'reservoir' || tags.landuse === 'basin') {
    return { layer: 'water', minzoom: 10, properties: { class: tags.water ?? tags.natural ?? tags.waterway ?? tags.landuse ?? 'water' } };
  }
  for (const [key, values] of LANDUSE_KEYS) {
    const value = tags[key];
    if (value && values.has(value)) return { layer: 'landuse', minzoom: 10, properties: { class: value, ...nameProperties(tags) } };
  }
  if (tags.building && tags.building !== 'no') return { layer: 'building', minzoom: 15, properties: {} };
  return null;
}

/** A named point of interest (a node, or the middle of a named area). */
export function poiClass(tags: OsmTags): BasemapClass | null {
  if (!tags.name) return null;
  for (const [key, rules] of POI_RULES) {
    const value = tags[key];
    const rule = value ? rules[value] : undefined;
    if (rule) return { layer: 'poi', minzoom: rule[1], properties: { class: rule[0], subclass: value!, ...nameProperties(tags) } };
  }
  if (tags.shop) return { layer: 'poi', minzoom: 15, properties: { class: 'shop', subclass: tags.shop, ...nameProperties(tags) } };
  return null;
}

/** A named place (district, neighbourhood, village) labelled on the map. */
export function placeClass(tags: OsmTags): BasemapClass | null {
  const place = tags.place;
  if (!tags.name || !place || PLACE_MINZOOM[place] === undefined) return null;
  return { layer: 'place', minzoom: PLACE_MINZOOM[place], properties: { class: place, ...nameProperties(tags) } };
}

/** An administrative boundary line (a relation's member way, or a tagged way). */
export function boundaryClass(tags: OsmTags): BasemapClass | null {
  const level = Number(tags.admin_level);
  if (!Number.isInteger(level) || level < 2 || level > 10) return null;
  return { layer: 'boundary', minzoom: 10, properties: { admin_level: level } };
}
