import type { OnewayDirection, RoadClass, RoadWayInput, TravelMode } from '@lianfang/shared/routing/index';
import type { OsmTags } from './osm-entities.js';

/** OSM `highway=*` values that carry traffic, and the class each maps to. Everything else (construction, platform, raceway…) is skipped. */
const HIGHWAY_CLASS: Readonly<Record<string, RoadClass>> = {
  motorway: 'motorway',
  motorway_link: 'motorway',
  trunk: 'trunk',
  trunk_link: 'trunk',
  primary: 'primary',
  primary_link: 'primary',
  secondary: 'secondary',
  secondary_link: 'secondary',
  tertiary: 'tertiary',
  tertiary_link: 'tertiary',
  unclassified: 'unclassified',
  residential: 'residential',
  living_street: 'living_street',
  service: 'service',
  pedestrian: 'pedestrian',
  footway: 'footway',
  corridor: 'footway',
  path: 'path',
  cycleway: 'cycleway',
  steps: 'steps',
  track: 'track',
  bridleway: 'bridleway',
  road: 'road',
};

/** The road a way is, or null when it is not for routing (buildings, rivers, non-traffic highways). */
export function roadWayFromTags(id: number, refs: readonly number[], tags: OsmTags): RoadWayInput | null {
  const roadClass = HIGHWAY_CLASS[tags.highway ?? ''];
  if (!roadClass || refs.length < 2) return null;
  const oneway = parseOneway(tags);
  const access = accessOverrides(tags);
  if (oneway === 'reversible') {
    // Direction depends on the time of day; no vehicle can count on it.
    Object.assign(access, { car: false, moto: false, bike: false });
  }
  return {
    id,
    nodeIds: refs,
    roadClass,
    oneway: oneway === 'reversible' ? 'no' : oneway,
    bikeContraflow: bikeMayContraflow(tags),
    maxspeedKmh: parseMaxspeedKmh(tags.maxspeed),
    access,
  };
}

/**
 * oneway=yes|1|true → forward, -1|reverse → backward, no|false|0 → no; reversible and
 * alternating → 'reversible'. Untagged: implied on motorways, motorway links and roundabouts.
 */
export function parseOneway(tags: OsmTags): OnewayDirection | 'reversible' {
  switch (tags.oneway?.trim().toLowerCase()) {
    case 'yes':
    case '1':
    case 'true':
      return 'forward';
    case '-1':
    case 'reverse':
      return 'backward';
    case 'no':
    case 'false':
    case '0':
      return 'no';
    case 'reversible':
    case 'alternating':
      return 'reversible';
  }
  const implied = tags.highway === 'motorway' || tags.highway === 'motorway_link' || tags.junction === 'roundabout' || tags.junction === 'circular';
  return implied ? 'forward' : 'no';
}

function bikeMayContraflow(tags: OsmTags): boolean {
  if (tags['oneway:bicycle'] === 'no') return true;
  return ['cycleway', 'cycleway:left', 'cycleway:right', 'cycleway:both'].some((key) => tags[key]?.startsWith('opposite') ?? false);
}

/**
 * Legal limit in km/h from `maxspeed`: "50", "50 km/h", "30 mph", "10 knots"; the lowest of
 * "50;30". Zone codes ("RU:urban", "DE:zone30"), "none", "walk", "signals" → 0 (class default).
 */
export function parseMaxspeedKmh(value: string | undefined): number {
  if (!value) return 0;
  const speeds = value
    .split(';')
    .map((part) => /^\s*(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|mph|knots)?\s*$/i.exec(part))
    .map((m) => (m ? Number(m[1]) * unitFactor(m[2]) : 0))
    .filter((kmh) => kmh > 0);
  return speeds.length === 0 ? 0 : Math.min(255, Math.round(Math.min(...speeds)));
}

function unitFactor(unit: string | undefined): number {
  const u = unit?.toLowerCase();
  return u === 'mph' ? 1.609344 : u === 'knots' ? 1.852 : 1;
}

const DENY = new Set(['no', 'private', 'agricultural', 'forestry', 'use_sidepath']);
const ALLOW = new Set(['yes', 'designated', 'permissive', 'destination', 'delivery', 'customers', 'official', 'permit']);

/** Most specific tag first; the first one with a known value decides. */
const HIERARCHY: Readonly<Record<TravelMode, readonly string[]>> = {
  car: ['motorcar', 'motor_vehicle', 'vehicle', 'access'],
  moto: ['motorcycle', 'motor_vehicle', 'vehicle', 'access'],
  bike: ['bicycle', 'vehicle', 'access'],
  foot: ['foot', 'access'],
};
/** A generic `access=yes` confirms the class default; it must not open a footway to cars. */
const GENERIC = new Set(['vehicle', 'access']);

export function accessOverrides(tags: OsmTags): Partial<Record<TravelMode, boolean>> {
  const out: Partial<Record<TravelMode, boolean>> = {};
  for (const mode of Object.keys(HIERARCHY) as TravelMode[]) {
    for (const key of HIERARCHY[mode]) {
      const value = tags[key]?.trim().toLowerCase();
      if (value === undefined) continue;
      if (DENY.has(value)) {
        out[mode] = false;
        break;
      }
      if (ALLOW.has(value)) {
        if (!GENERIC.has(key)) out[mode] = true;
        break;
      }
    }
  }
  if (tags.motorroad === 'yes') Object.assign(out, { foot: false, bike: false });
  return out;
}
