import { edgeSeconds, responseProfile, weightedAdjacency } from './edge-costs.js';
import { alongSameSegment, arrivalsTo, departuresFrom } from './edge-position.js';
import type { LatLon } from './geo-distance.js';
import { sharedSearch } from './graph-search.js';
import type { PointToPointOptions } from './point-to-point.js';
import type { RoadGraph } from './road-graph.js';
import { DEFAULT_SNAP_RADIUS_M, snapToRoad } from './snap.js';

/** A corner of a route with the seconds it takes to get there from the start. */
export interface RoutePoint {
  readonly lat: number;
  readonly lon: number;
  readonly seconds: number;
}

export interface RoutePath {
  /** Snapped start, every node passed, snapped end; `seconds` grows along it. */
  readonly points: readonly RoutePoint[];
  readonly seconds: number;
}

/**
 * The fastest route between two map points as the road corners to drive through
 * (pointToPoint gives only its time). One reverse search from the destination
 * gives every node's time to it; the route is then the descent from the start
 * along the edge whose cost plus the time left is smallest, which needs no
 * predecessor arrays in the shared search. Null when either point is off the
 * network or unreachable.
 */
export function routePath(graph: RoadGraph, from: LatLon, to: LatLon, options: PointToPointOptions): RoutePath | null {
  const radiusM = options.snapRadiusM ?? DEFAULT_SNAP_RADIUS_M;
  const start = snapToRoad(graph, from.lat, from.lon, { mode: options.mode, radiusM });
  const end = snapToRoad(graph, to.lat, to.lon, { mode: options.mode, radiusM });
  if (!start || !end) return null;
  const profile = responseProfile(options.mode, options.emergencyFactor);
  const cost = edgeSeconds(graph, profile);
  const direct = alongSameSegment(graph, cost, start, end);

  const arrivals = arrivalsTo(graph, cost, end);
  const search = sharedSearch(graph);
  search.run(weightedAdjacency(graph, profile, 'reverse'), arrivals, { maxSeconds: options.maxSeconds ?? Infinity });
  const toEnd = search.copySeconds();
  const finish = new Map<number, number>();
  for (const a of arrivals) finish.set(a.node, Math.min(finish.get(a.node) ?? Infinity, a.seconds));

  let best = { node: -1, seconds: Infinity };
  let viaSeconds = Infinity;
  for (const d of departuresFrom(graph, cost, start)) {
    const total = d.seconds + toEnd[d.node]!;
    if (total < viaSeconds) {
      viaSeconds = total;
      best = { node: d.node, seconds: d.seconds };
    }
  }
  if (direct.seconds <= viaSeconds) {
    if (!(direct.seconds < Infinity)) return null;
    return { points: [point(start, 0), point(end, direct.seconds)], seconds: direct.seconds };
  }
  if (!(viaSeconds < Infinity)) return null;

  const points: RoutePoint[] = [point(start, 0)];
  let u = best.node;
  let elapsed = best.seconds;
  points.push({ lat: graph.lat[u]!, lon: graph.lon[u]!, seconds: elapsed });
  // Each step strictly lowers the time left (edge costs are positive), so the node count bounds the walk.
  for (let steps = 0; steps < graph.nodeCount; steps++) {
    let next = -1;
    let nextCost = finish.get(u) ?? Infinity;
    for (let e = graph.offsets[u]!; e < graph.offsets[u + 1]!; e++) {
      const total = cost[e]! + toEnd[graph.targets[e]!]!;
      if (total < nextCost - 1e-6) {
        nextCost = total;
        next = e;
      }
    }
    if (next < 0) break; // stepping off onto the destination's edge is cheapest from here
    u = graph.targets[next]!;
    elapsed += cost[next]!;
    points.push({ lat: graph.lat[u]!, lon: graph.lon[u]!, seconds: elapsed });
  }
  const last = elapsed + (finish.get(u) ?? 0);
  points.push(point(end, last));
  return { points, seconds: last };
}

const point = (p: { lat: number; lon: number }, seconds: number): RoutePoint => ({ lat: p.lat, lon: p.lon, seconds });

/** Where a route puts you `seconds` after the start (the end once it is over), and which way you face. */
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
