import type { Candidate, CandidatesReply, CandidatesRequest, IncidentCategory, Unit } from '@lianfang/shared';
import type { LivePicture } from '../live-picture.js';
import type { RoadNetwork } from '../roads/road-network.js';
import { rankCandidates, type LocatedUnit } from './candidate-ranking.js';

export type CandidateFilters = Omit<CandidatesRequest, 'lat' | 'lon'>;

const DEFAULT_LIMIT = 10;

/** Never offered: off duty (not working) or asking for help themselves (an SOS). */
const NEVER_CANDIDATES: ReadonlySet<Unit['status']> = new Set(['off_duty', 'needs_help']);

/** May the unit appear in a candidate list at all (busy ones do, flagged)? */
export function isOfferable(unit: Pick<Unit, 'status'>): boolean {
  return !NEVER_CANDIDATES.has(unit.status);
}

/**
 * Who could go to a point, best first, from the live picture (no database read): up to
 * `limit` available units, then up to `limit` busy ones, flagged, so the operator sees that a
 * busy unit would have been closer. With a category (the incident's), the order is capability
 * tier then ETA, and units whose force has no part in that category are left out, unless the
 * operator's force filter names that force: then they are listed, marked `none`, because the
 * operator asked for them by name (a fire engine passing a fight may still be the only help).
 * Units that never reported a position are left out: there is nothing to rank them by.
 */
export class CandidateService {
  constructor(
    private readonly picture: LivePicture,
    private readonly roads: () => Promise<RoadNetwork>,
    private readonly emergencyFactor: number,
  ) {}

  async find(point: { lat: number; lon: number }, filters: CandidateFilters = {}, nowMs = Date.now()): Promise<CandidatesReply> {
    const { graph } = await this.roads();
    const units = [...this.picture.units.values()].filter((u): u is LocatedUnit => u.position !== null && isOfferable(u) && matches(u, filters));
    const category: IncidentCategory | null = filters.category ?? null;
    const ranked = rankCandidates(graph, point, units, { nowMs, emergencyFactor: this.emergencyFactor, category }).filter(
      (c) => c.tier !== 'none' || filters.force !== undefined,
    );
    const limit = filters.limit ?? DEFAULT_LIMIT;
    return {
      lat: point.lat,
      lon: point.lon,
      computedAt: new Date(nowMs).toISOString(),
      emergencyFactor: this.emergencyFactor,
      candidates: [...ranked.filter((c) => c.available).slice(0, limit), ...ranked.filter((c: Candidate) => !c.available).slice(0, limit)],
    };
  }
}

function matches(unit: Unit, filters: CandidateFilters): boolean {
  return (
    (!filters.force || unit.force === filters.force) && (!filters.mode || unit.mode === filters.mode) && (!filters.teamId || unit.teamId === filters.teamId)
  );
}
