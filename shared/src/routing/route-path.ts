import { edgeSeconds, responseProfile, weightedAdjacency } from './edge-costs.js';
import { alongSameSegment, arrivalsTo, departuresFrom } from './edge-position.js';
import type { LatLon } from './geo-distance.js';
import { sharedSearch } from './graph-search.js';
import type { RoadGraph } from './road-graph.js';
import { DEFAULT_SNAP_RADIUS_M, snapToRoad } from './snap.js';
import type { TravelMode } from './travel-modes.js';

export interface RoutePathOptions {
  readonly mode: TravelMode;
  /** Blue-light speed-up for car and moto. Default 1. */
  readonly emergencyFactor?: number;
  /** Search bound. Default 1800 s (the ETA ranking's bound). */
  readonly maxSeconds?: number;
  readonly snapRadiusM?: number;
}

/** A corner of a route with the seconds it takes to get there from the start. */
export interface RoutePoint {
  readonly lat: number;
  readonly lon: number;
  readonly seconds: number;
}

export interface RoutePath {
  /** Network travel time between the two snapped points. */
  readonly seconds: number;
  readonly meters: number;
  /** The road line to draw (and to drive: `seconds` grows along it), from the snapped start to the snapped end (at least two points). */
  readonly points: RoutePoint[];
}

/** Float32 edge costs and Float64 sums: "on the fastest route" is equality within this. */
const EPSILON_S = 1e-3;

/**
 * The fastest road route between two points with its geometry, for a captain's map.
 *
 * The search keeps no predecessors (it is shared by the ETA ranking, which needs none), so the
 * line is read back from node times instead: one reverse search gives every node's time to the
 * destination, and the route is the walk from the start that always takes an edge whose cost
 * plus the time left at its head equals the time left here (the times fall along the route).
 * Null when either point is off the network or the route exceeds maxSeconds.
 */
export function routePath(graph: RoadGraph, from: LatLon, to: LatLon, options: RoutePathOptions): RoutePath | null {
  const radiusM = options.snapRadiusM ?? DEFAULT_SNAP_RADIUS_M;
  const start = snapToRoad(graph, from.lat, from.lon, { mode: options.mode, radiusM });
  const end = snapToRoad(graph, to.lat, to.lon, { mode: options.mode, radiusM });
  if (!start || !end) return null;
  const profile = responseProfile(options.mode, options.emergencyFactor);
  const seconds = edgeSeconds(graph, profile);
  const maxSeconds = options.maxSeconds ?? 1800;
  const startPoint = { lat: start.lat, lon: start.lon, seconds: 0 };

  const direct = alongSameSegment(graph, seconds, start, end);
  const search = sharedSearch(graph);
  const arrivals = arrivalsTo(graph, seconds, end);
  search.run(weightedAdjacency(graph, profile, 'reverse'), arrivals, { maxSeconds, trackMeters: true });

  // Leave the start along whichever half of its edge reaches the destination sooner.
  let first = -1;
  let best = Infinity;
  let bestMeters = Infinity;
  for (const leg of departuresFrom(graph, seconds, start)) {
    const total = leg.seconds + search.secondsAt(leg.node);
    if (total < best) {
      best = total;
      bestMeters = (leg.meters ?? 0) + search.metersAt(leg.node);
      first = leg.node;
    }
  }
  if (direct.seconds <= best) {
    return direct.seconds <= maxSeconds
      ? { seconds: direct.seconds, meters: direct.meters, points: [startPoint, { lat: end.lat, lon: end.lon, seconds: direct.seconds }] }
      : null;
  }
  if (first < 0 || !(best <= maxSeconds)) return null;

  const forward = weightedAdjacency(graph, profile, 'forward');
  const arrivalAt = new Map(arrivals.map((a) => [a.node, a.seconds]));
  const points: RoutePoint[] = [startPoint];
  let node = first;
  // A route visits each node at most once, so nodeCount steps bound the walk even on bad input.
  for (let steps = 0; steps <= graph.nodeCount; steps++) {
    const left = search.secondsAt(node);
    // Time from the start = the whole route's time minus what is left from here.
    points.push({ lat: graph.lat[node]!, lon: graph.lon[node]!, seconds: best - left });
    const finish = arrivalAt.get(node);
    // This node is where the search started (the destination's edge): the last part is that edge.
    if (finish !== undefined && Math.abs(finish - left) <= EPSILON_S) break;
    let next = -1;
    let nextGap = Infinity;
    for (let slot = forward.offsets[node]!; slot < forward.offsets[node + 1]!; slot++) {
      const head = forward.heads[slot]!;
      const gap = Math.abs(forward.seconds[slot]! + search.secondsAt(head) - left);
      if (gap < nextGap) {
        nextGap = gap;
        next = head;
      }
    }
    if (next < 0 || !(nextGap <= EPSILON_S * 10)) break;
    node = next;
  }
  points.push({ lat: end.lat, lon: end.lon, seconds: best });
  return { seconds: best, meters: bestMeters, points };
}

/** Where a route puts you `seconds` after the start (the end once it is over), and which way you face (the demo's crews drive this way). */
export function positionAlong(path: RoutePath, seconds: number): { lat: number; lon: number; heading: number; arrived: boolean } {
  const pts = path.points;
  let i = 1;
  while (i < pts.length - 1 && pts[i]!.seconds < seconds) i++;
  const a = pts[i - 1]!;
  const b = pts[i] ?? a;
  const span = b.seconds - a.seconds;
  const f = span > 0 ? Math.min(1, Math.max(0, (seconds - a.seconds) / span)) : 1;
  const lat = a.lat + (b.lat - a.lat) * f;
  const lon = a.lon + (b.lon - a.lon) * f;
  const heading = ((Math.atan2((b.lon - a.lon) * Math.cos((lat * Math.PI) / 180), b.lat - a.lat) * 180) / Math.PI + 360) % 360;
  return { lat, lon, heading, arrived: seconds >= path.seconds };
}
