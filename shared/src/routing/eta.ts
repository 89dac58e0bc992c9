import { weightedAdjacency } from './edge-costs.js';
import { alongSameSegment, arrivalsTo, departureFrom, type TimedDistance } from './edge-position.js';
import { haversineM, type LatLon } from './geo-distance.js';
import { sharedSearch } from './graph-search.js';
import { groupModesByCost } from './mode-groups.js';
import type { RoadGraph } from './road-graph.js';
import { snapToRoad, DEFAULT_SNAP_RADIUS_M, type SnappedPoint } from './snap.js';
import { STRAIGHT_LINE_SPEED_KMH, WALK_SPEED_KMH, isMotorMode, type TravelMode } from './travel-modes.js';

export interface EtaUnit {
  readonly id: string;
  readonly lat: number;
  readonly lon: number;
  readonly mode: TravelMode;
}

export interface EtaOptions {
  /** Search bound: units farther than this get `etaSeconds: null`. Default 1800 (30 min). */
  readonly maxSeconds?: number;
  /** Return only the N fastest. Default: all units. */
  readonly limit?: number;
  /** Snap radius for the incident and the units. Default 200 m. */
  readonly snapRadiusM?: number;
  /** Blue-light speed-up for car and moto, e.g. 1.3. Default 1. */
  readonly emergencyFactor?: number;
}

export interface UnitEta {
  readonly unitId: string;
  readonly mode: TravelMode;
  /** null: on the network but not reachable within maxSeconds. */
  readonly etaSeconds: number | null;
  /** Route length (straight line when fallback); null with etaSeconds. */
  readonly distanceM: number | null;
  /** True when the unit or the incident could not be placed on a road its mode uses: a straight-line estimate. */
  readonly fallback: boolean;
}

/** Straight lines understate road distance; 1.3 is the usual urban detour ratio. */
const DETOUR_FACTOR = 1.3;

/**
 * Ranks units by travel time to an incident with ONE reverse search per travel mode present
 * (modes with identical edge costs, usually car and moto, share it):
 * the search runs from the incident backwards over the mode's edges, after which every
 * unit's ETA is a lookup at the ends of the edge it stands on.
 *
 * The ETA includes walking from the road to the incident point (the snap distance): a car
 * stops at the kerb, the officer covers the last metres on foot.
 */
export function rankUnitsByEta(graph: RoadGraph, incident: LatLon, units: readonly EtaUnit[], options: EtaOptions = {}): UnitEta[] {
  const maxSeconds = options.maxSeconds ?? 1800;
  const radiusM = options.snapRadiusM ?? DEFAULT_SNAP_RADIUS_M;
  const results: UnitEta[] = [];
  for (const { modes, profile, seconds } of groupModesByCost(
    graph,
    units.map((u) => u.mode),
    options.emergencyFactor,
  )) {
    const group = units.filter((u) => modes.includes(u.mode));
    // Modes in a group share edge costs, hence access: the incident snaps alike for all of them.
    const target = snapToRoad(graph, incident.lat, incident.lon, { mode: modes[0]!, radiusM });
    if (!target) {
      for (const unit of group) results.push(straightLineEta(unit, incident, options.emergencyFactor ?? 1));
      continue;
    }
    const search = sharedSearch(graph);
    search.run(weightedAdjacency(graph, profile, 'reverse'), arrivalsTo(graph, seconds, target), { maxSeconds, trackMeters: true });
    const accessSeconds = (target.distanceM * 3.6) / WALK_SPEED_KMH;
    for (const unit of group) {
      const start = snapToRoad(graph, unit.lat, unit.lon, { mode: unit.mode, radiusM });
      if (!start) {
        results.push(straightLineEta(unit, incident, options.emergencyFactor ?? 1));
        continue;
      }
      const route = fastest(departureFrom(graph, seconds, search, start), alongSameSegment(graph, seconds, start, target));
      results.push(networkEta(unit, route, maxSeconds, accessSeconds, target));
    }
  }
  results.sort(byEta);
  return options.limit === undefined ? results : results.slice(0, options.limit);
}

function fastest(a: TimedDistance, b: TimedDistance): TimedDistance {
  return b.seconds < a.seconds ? b : a;
}

function networkEta(unit: EtaUnit, route: TimedDistance, maxSeconds: number, accessSeconds: number, target: SnappedPoint): UnitEta {
  if (!(route.seconds <= maxSeconds)) return { unitId: unit.id, mode: unit.mode, etaSeconds: null, distanceM: null, fallback: false };
  return {
    unitId: unit.id,
    mode: unit.mode,
    etaSeconds: route.seconds + accessSeconds,
    distanceM: route.meters + target.distanceM,
    fallback: false,
  };
}

function straightLineEta(unit: EtaUnit, incident: LatLon, emergencyFactor: number): UnitEta {
  const distanceM = haversineM(unit.lat, unit.lon, incident.lat, incident.lon);
  const kmh = STRAIGHT_LINE_SPEED_KMH[unit.mode] * (isMotorMode(unit.mode) ? emergencyFactor : 1);
  return { unitId: unit.id, mode: unit.mode, etaSeconds: (distanceM * DETOUR_FACTOR * 3.6) / kmh, distanceM, fallback: true };
}

/** Fastest first, unreachable last, ties by id so the order is stable across calls. */
function byEta(a: UnitEta, b: UnitEta): number {
  const ea = a.etaSeconds ?? Infinity;
  const eb = b.etaSeconds ?? Infinity;
  if (ea !== eb) return ea < eb ? -1 : 1;
  return a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0;
}
