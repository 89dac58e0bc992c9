import type { Candidate, IncidentCategory, Position, Unit } from '@lianfang/shared';
import { STALE_FIX_SECONDS, STALE_UNCERTAINTY_CAP_SECONDS, capabilityTier, compareByCapability } from '@lianfang/shared';
import { rankUnitsByEta, type RoadGraph } from '@lianfang/shared/routing/index';

export type LocatedUnit = Unit & { position: Position };

export interface RankOptions {
  nowMs: number;
  emergencyFactor: number;
  /** The incident's category: rank by capability tier first (CAPABILITY_TABLE). Absent: by ETA alone (tier null). */
  category?: IncidentCategory | null;
}

/**
 * Seconds since the fix was taken. The device's time is when the unit was there; only when
 * the hygiene check flagged its clock do we fall back to when the server received it.
 */
export function positionAgeSeconds(position: Position, nowMs: number): number {
  const taken = position.flags.includes('clock_skew') ? position.serverTime : position.deviceTime;
  return Math.max(0, (nowMs - Date.parse(taken)) / 1000);
}

/** See STALE_UNCERTAINTY_CAP_SECONDS: a silent unit may have gone the other way for as long. */
export function staleUncertaintySeconds(ageSeconds: number): number {
  return ageSeconds > STALE_FIX_SECONDS ? Math.min(ageSeconds, STALE_UNCERTAINTY_CAP_SECONDS) : 0;
}

const tenth = (v: number) => Math.round(v * 10) / 10;

/**
 * Every given unit with its ETA to `point`, best first: one reverse search per travel mode
 * (rankUnitsByEta), then sorted by compareByCapability: reachable before unreachable, then the
 * force's capability tier for `options.category`, then ETA + stale uncertainty, ties by id.
 * A pure function of its arguments (the intake form's point query reuses it). Units of tier
 * `none` and busy units are kept here; callers decide who is eligible.
 */
export function rankCandidates(graph: RoadGraph, point: { lat: number; lon: number }, units: readonly LocatedUnit[], options: RankOptions): Candidate[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const etas = rankUnitsByEta(
    graph,
    point,
    units.map((u) => ({ id: u.id, lat: u.position.lat, lon: u.position.lon, mode: u.mode })),
    { emergencyFactor: options.emergencyFactor },
  );
  const candidates = etas.map((eta): Candidate => {
    const unit = byId.get(eta.unitId)!;
    const age = positionAgeSeconds(unit.position, options.nowMs);
    const uncertainty = staleUncertaintySeconds(age);
    return {
      unitId: unit.id,
      callsign: unit.callsign,
      force: unit.force,
      mode: unit.mode,
      status: unit.status,
      tier: options.category ? capabilityTier(options.category, unit.force) : null,
      available: unit.status === 'available',
      etaSeconds: eta.etaSeconds === null ? null : tenth(eta.etaSeconds),
      rankSeconds: eta.etaSeconds === null ? null : tenth(eta.etaSeconds + uncertainty),
      uncertaintySeconds: tenth(uncertainty),
      distanceM: eta.distanceM === null ? null : Math.round(eta.distanceM),
      positionAgeSeconds: Math.round(age),
      stale: age > STALE_FIX_SECONDS,
      fallback: eta.fallback,
      lat: unit.position.lat,
      lon: unit.position.lon,
    };
  });
  return candidates.sort(compareByCapability);
}
