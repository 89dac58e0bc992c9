import { edgeSeconds, responseProfile, weightedAdjacency } from './edge-costs.js';
import { alongSameSegment, arrivalsTo, departuresFrom } from './edge-position.js';
import type { LatLon } from './geo-distance.js';
import { sharedSearch } from './graph-search.js';
import type { RoadGraph } from './road-graph.js';
import { DEFAULT_SNAP_RADIUS_M, snapToRoad, type SnappedPoint } from './snap.js';
import type { TravelMode } from './travel-modes.js';

export interface PointToPointOptions {
  readonly mode: TravelMode;
  /** Blue-light speed-up for car and moto. Default 1. */
  readonly emergencyFactor?: number;
  readonly maxSeconds?: number;
  readonly snapRadiusM?: number;
}

export interface RouteEstimate {
  /** Network travel time between the two snapped points (no walking to or from the road). */
  readonly seconds: number;
  readonly meters: number;
  readonly from: SnappedPoint;
  readonly to: SnappedPoint;
}

/**
 * Fastest route between two map points for one mode: both snapped onto roads the mode uses,
 * then a forward search that stops once the destination is settled. Null when either point
 * is off the network or the route exceeds maxSeconds.
 */
export function pointToPoint(graph: RoadGraph, from: LatLon, to: LatLon, options: PointToPointOptions): RouteEstimate | null {
  const radiusM = options.snapRadiusM ?? DEFAULT_SNAP_RADIUS_M;
  const start = snapToRoad(graph, from.lat, from.lon, { mode: options.mode, radiusM });
  const end = snapToRoad(graph, to.lat, to.lon, { mode: options.mode, radiusM });
  if (!start || !end) return null;
  const profile = responseProfile(options.mode, options.emergencyFactor);
  const seconds = edgeSeconds(graph, profile);
  const maxSeconds = options.maxSeconds ?? Infinity;
  const viaNodes = sharedSearch(graph).toTargets(
    weightedAdjacency(graph, profile, 'forward'),
    departuresFrom(graph, seconds, start),
    arrivalsTo(graph, seconds, end),
    {
      maxSeconds,
      trackMeters: true,
    },
  );
  const direct = alongSameSegment(graph, seconds, start, end);
  const best = direct.seconds < viaNodes.seconds ? direct : viaNodes;
  if (!(best.seconds <= maxSeconds)) return null;
  return { seconds: best.seconds, meters: best.meters, from: start, to: end };
}
