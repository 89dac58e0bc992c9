import type { Candidate, CapabilityTier, Force } from '@lianfang/shared';
import { tierRank } from '@lianfang/shared';

/**
 * The unit offered (or sent) instead of one that never acknowledged, from the capability
 * ranking of the available units (best first, the silent unit already left out):
 * 1. the silent unit's own force, nearest first: a joint response asked for that force
 *    (the police at a fire hold the cordon; another fire engine would not);
 * 2. else the best unit of the same capability tier or better;
 * 3. else the best unit of a lower tier that still has a part in the category.
 * Never a unit of no capability, never one that cannot reach the incident.
 */
export function chooseReplacement(ranked: readonly Candidate[], silent: { force: Force; tier: CapabilityTier | null }): string | null {
  const usable = ranked.filter((c) => c.available && c.rankSeconds !== null && c.tier !== 'none');
  const sameForce = usable.find((c) => c.force === silent.force);
  if (sameForce) return sameForce.unitId;
  const silentRank = silent.tier === null || silent.tier === 'none' ? Infinity : tierRank(silent.tier);
  const asGood = usable.find((c) => c.tier === null || tierRank(c.tier) <= silentRank);
  return (asGood ?? usable[0])?.unitId ?? null;
}
