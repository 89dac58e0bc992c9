import type { Station, Unit } from '@lianfang/shared';
import type { CoverageSource } from '@lianfang/shared/routing/index';
import { positionAgeSeconds } from '../dispatch/candidate-ranking.js';

/** A unit silent for longer than this paints no coverage: its phone may have died an hour ago. */
export const MAX_SOURCE_FIX_AGE_SECONDS = 15 * 60;

/** Station source ids are prefixed so they never collide with unit ids (what-if removes units by id). */
export const stationSourceId = (station: Station) => `station:${station.id}`;

/**
 * Only a unit that is free to go covers. Any status but `available` (dispatched, en route, on scene,
 * busy, off duty, and a needs-help/SOS status whatever it is called) means it would not answer the
 * next call, so it paints nothing.
 */
export const coversNow = (unit: Unit): boolean => unit.status === 'available';

/**
 * Who covers the district right now: available units at their last fix, each at its own mode, and
 * stations with a standing crew the administration set (at the crew's mode). A station without
 * one covers nothing by itself: it covers through the available units standing at it, which are
 * already counted at their own fixes. Nothing is assumed to be "always there".
 */
export function coverageSources(units: Iterable<Unit>, stations: readonly Station[], nowMs: number): CoverageSource[] {
  const sources: CoverageSource[] = [];
  for (const unit of units) {
    if (!coversNow(unit) || !unit.position) continue;
    if (positionAgeSeconds(unit.position, nowMs) > MAX_SOURCE_FIX_AGE_SECONDS) continue;
    sources.push({ id: unit.id, lat: unit.position.lat, lon: unit.position.lon, mode: unit.mode });
  }
  for (const station of stations) {
    if (station.standingCrew) sources.push({ id: stationSourceId(station), lat: station.lat, lon: station.lon, mode: station.standingCrew.mode });
  }
  return sources;
}
