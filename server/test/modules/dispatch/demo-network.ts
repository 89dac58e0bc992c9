import type { FastifyInstance } from 'fastify';
import type { EnrolledUnit } from '@lianfang/shared';
import { haversineM, type RoadGraph } from '@lianfang/shared/routing/index';
import { postFix } from '../../helpers/fixtures.js';
import { api } from '../../helpers/test-app.js';

/** A node of the demo network: placing units and incidents exactly on it makes snapping trivial. */
export interface NodePoint {
  node: number;
  lat: number;
  lon: number;
}

export function nodePoint(graph: RoadGraph, node: number): NodePoint {
  return { node, lat: graph.lat[node]!, lon: graph.lon[node]! };
}

export function nearestNode(graph: RoadGraph, lat: number, lon: number): NodePoint {
  return closestBy(graph, (n) => haversineM(lat, lon, graph.lat[n]!, graph.lon[n]!));
}

/** The node whose straight-line distance from `from` is closest to `metres`, optionally on one bearing (degrees, 0 = north). */
export function nodeAtDistance(graph: RoadGraph, from: NodePoint, metres: number, bearingDeg?: number): NodePoint {
  return closestBy(graph, (n) => {
    const d = haversineM(from.lat, from.lon, graph.lat[n]!, graph.lon[n]!);
    if (bearingDeg === undefined) return Math.abs(d - metres);
    const bearing = (Math.atan2((graph.lon[n]! - from.lon) * Math.cos((from.lat * Math.PI) / 180), graph.lat[n]! - from.lat) * 180) / Math.PI;
    const off = Math.abs(((bearing - bearingDeg + 540) % 360) - 180);
    return Math.abs(d - metres) + off * 20;
  });
}

function closestBy(graph: RoadGraph, cost: (node: number) => number): NodePoint {
  let best = 0;
  let bestCost = Infinity;
  for (let n = 0; n < graph.nodeCount; n++) {
    const c = cost(n);
    if (c < bestCost) {
      bestCost = c;
      best = n;
    }
  }
  return nodePoint(graph, best);
}

let trackers = 0;

/** A unit created over REST and placed by one OsmAnd fix (`ageSeconds` old) at the point. */
export async function placeUnit(
  app: FastifyInstance,
  token: string,
  callsign: string,
  at: { lat: number; lon: number },
  extra: { force?: string; mode?: string; teamId?: string; ageSeconds?: number } = {},
): Promise<EnrolledUnit> {
  const trackerId = `trk-${callsign}-${++trackers}`;
  const res = await api<EnrolledUnit>(app, token, 'POST', '/api/units', {
    callsign,
    force: extra.force ?? 'police',
    mode: extra.mode ?? 'car',
    trackerId,
    ...(extra.teamId ? { teamId: extra.teamId } : {}),
  });
  if (res.status !== 201) throw new Error(`create unit ${callsign}: ${res.status} ${JSON.stringify(res.body)}`);
  const fix = await postFix(app, trackerId, at.lat, at.lon, Math.floor(Date.now() / 1000) - (extra.ageSeconds ?? 1));
  if (fix.status !== 200) throw new Error(`fix for ${callsign}: ${fix.status} ${fix.body}`);
  return res.body;
}

/** Moves a placed unit with a fresh fix. */
export async function moveUnit(app: FastifyInstance, unit: EnrolledUnit, at: { lat: number; lon: number }): Promise<void> {
  // Milliseconds: two moves within one second stay in order.
  const fix = await postFix(app, unit.trackerId!, at.lat, at.lon, Date.now());
  if (fix.status !== 200) throw new Error(`fix for ${unit.callsign}: ${fix.status} ${fix.body}`);
}

/** A login of the given role (captains need a unit). */
export async function loginAs(
  app: FastifyInstance,
  adminToken: string,
  username: string,
  role: 'captain' | 'manager' | 'operator',
  unitId?: string,
): Promise<string> {
  const made = await api(app, adminToken, 'POST', '/api/users', { username, password: `${username}-password`, role, ...(unitId ? { unitId } : {}) });
  if (made.status !== 201) throw new Error(`create user ${username}: ${made.status} ${JSON.stringify(made.body)}`);
  const res = await api<{ token: string }>(app, '', 'POST', '/api/auth/login', { username, password: `${username}-password` });
  return res.body.token;
}
