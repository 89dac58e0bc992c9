import type { Mode, Station, StationKind, Unit } from '@lianfang/shared';
import type { CoverageSource } from '@lianfang/shared/routing/index';
import { positionAgeSeconds } from '../dispatch/candidate-ranking.js';

/**
 * How a fixed station responds: police posts and the fire, medical and city-management bases
 * keep a vehicle (car); a safety station (平安驿站) is a volunteer post that answers on foot.
 * Stations count whether or not their crews are out: they are the floor of the coverage.
 */
export const STATION_MODE: Readonly<Record<StationKind, Mode>> = {
  police_post: 'car',
  fire: 'car',
  medical: 'car',
  city_mgmt: 'car',
  safety_station: 'foot',
};

/** A unit silent for longer than this paints no coverage: its phone may have died an hour ago. */
export const MAX_SOURCE_FIX_AGE_SECONDS = 15 * 60;

/** Station source ids are prefixed so they never collide with unit ids (what-if removes units by id). */
export const stationSourceId = (station: Station) => `station:${station.id}`;

/** Who covers the district right now: available units at their last fix, each at its own mode, plus the stations. */
export function coverageSources(units: Iterable<Unit>, stations: readonly Station[], nowMs: number): CoverageSource[] {
  const sources: CoverageSource[] = [];
  for (const unit of units) {
    if (unit.status !== 'available' || !unit.position) continue;
    if (positionAgeSeconds(unit.position, nowMs) > MAX_SOURCE_FIX_AGE_SECONDS) continue;
    sources.push({ id: unit.id, lat: unit.position.lat, lon: unit.position.lon, mode: unit.mode });
  }
  for (const station of stations) sources.push({ id: stationSourceId(station), lat: station.lat, lon: station.lon, mode: STATION_MODE[station.kind] });
  return sources;
}
