import type { UnitRoute } from '@lianfang/shared';
import { WALK_SPEED_KMH, haversineM, routePath } from '@lianfang/shared/routing/index';
import type { LivePicture } from '../live-picture.js';
import type { RoadNetwork } from '../roads/road-network.js';
import { conflict, notFound } from '../domain-errors.js';
import { positionAgeSeconds } from './candidate-ranking.js';

const tenth = (v: number) => Math.round(v * 10) / 10;

/**
 * The road route from a unit's last position to an open incident, with the ETA computed like the
 * candidates' (same graph, same blue-light factor, plus the walk from the kerb to the point), from
 * the live picture: no database read. Asked by the captain's tablet when its position or the
 * incident changes, so it is one point-to-point search, not a ranking of every unit.
 */
export class UnitRouteService {
  constructor(
    private readonly picture: Pick<LivePicture, 'units' | 'incidents'>,
    private readonly roads: () => Promise<RoadNetwork>,
    private readonly emergencyFactor: number,
  ) {}

  async route(incidentId: string, unitId: string, nowMs = Date.now()): Promise<UnitRoute> {
    const incident = this.picture.incidents.get(incidentId);
    if (!incident) throw notFound('open incident');
    const unit = this.picture.units.get(unitId);
    if (!unit) throw notFound('unit');
    const position = unit.position;
    if (!position) throw conflict('unitId', `${unit.callsign} has not reported a position yet; share the position to see the route`);
    const { graph } = await this.roads();
    const from = { lat: position.lat, lon: position.lon };
    const to = { lat: incident.lat, lon: incident.lon };
    const straightM = Math.round(haversineM(from.lat, from.lon, to.lat, to.lon));
    const found = routePath(graph, from, to, { mode: unit.mode, emergencyFactor: this.emergencyFactor });
    const common = {
      incidentId,
      unitId,
      mode: unit.mode,
      straightM,
      positionAt: new Date(nowMs - positionAgeSeconds(position, nowMs) * 1000).toISOString(),
      computedAt: new Date(nowMs).toISOString(),
    };
    if (!found) return { ...common, etaSeconds: null, distanceM: null, fallback: true, path: [lonLat(from), lonLat(to)] };
    // The car stops at the kerb; the last metres are on foot (the candidates' ETA counts them too).
    const end = found.points[found.points.length - 1]!;
    const walkM = haversineM(end.lat, end.lon, to.lat, to.lon);
    return {
      ...common,
      etaSeconds: tenth(found.seconds + (walkM * 3.6) / WALK_SPEED_KMH),
      distanceM: Math.round(found.meters + walkM),
      fallback: false,
      path: [lonLat(from), ...found.points.map(lonLat), lonLat(to)],
    };
  }
}

function lonLat(p: { lat: number; lon: number }): [number, number] {
  return [p.lon, p.lat];
}
