import type { CandidatesReply, CandidatesRequest, Unit } from '@lianfang/shared';
import type { LivePicture } from '../live-picture.js';
import type { RoadNetwork } from '../roads/road-network.js';
import { rankCandidates, type LocatedUnit } from './candidate-ranking.js';

export type CandidateFilters = Omit<CandidatesRequest, 'lat' | 'lon'>;

const DEFAULT_LIMIT = 10;

/**
 * Who could go to a point, fastest first, from the live picture (no database read):
 * up to `limit` available units, then up to `limit` busy ones, flagged, so the operator
 * sees that a busy unit would have been closer. Off-duty units and units that never
 * reported a position are left out: there is nothing to rank them by.
 */
export class CandidateService {
  constructor(
    private readonly picture: LivePicture,
    private readonly roads: () => Promise<RoadNetwork>,
    private readonly emergencyFactor: number,
  ) {}

  async find(point: { lat: number; lon: number }, filters: CandidateFilters = {}, nowMs = Date.now()): Promise<CandidatesReply> {
    const { graph } = await this.roads();
    const units = [...this.picture.units.values()].filter((u): u is LocatedUnit => u.position !== null && u.status !== 'off_duty' && matches(u, filters));
    const ranked = rankCandidates(graph, point, units, { nowMs, emergencyFactor: this.emergencyFactor });
    const limit = filters.limit ?? DEFAULT_LIMIT;
    return {
      lat: point.lat,
      lon: point.lon,
      computedAt: new Date(nowMs).toISOString(),
      emergencyFactor: this.emergencyFactor,
      candidates: [...ranked.filter((c) => c.available).slice(0, limit), ...ranked.filter((c) => !c.available).slice(0, limit)],
    };
  }
}

function matches(unit: Unit, filters: CandidateFilters): boolean {
  return (
    (!filters.force || unit.force === filters.force) && (!filters.mode || unit.mode === filters.mode) && (!filters.teamId || unit.teamId === filters.teamId)
  );
}
