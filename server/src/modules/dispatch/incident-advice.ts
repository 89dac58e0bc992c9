import type { Candidate, Incident, IncidentAdvice, Unit } from '@lianfang/shared';
import { DEFAULT_TARGETS, capabilityTier } from '@lianfang/shared';

/** A change smaller than this is noise on the wall (a patrol turning a corner). */
export const MATERIAL_ETA_SECONDS = 15;

const TRAVELLING = new Set(['dispatched', 'acknowledged', 'en_route']);

/** Advice is for incidents nobody has reached; once someone is on scene the arrival clock is settled. */
export function needsAdvice(incident: Incident): boolean {
  return incident.milestones.onSceneAt === null;
}

/**
 * Who may be the incident's best unit: any available unit whose force has a part in the
 * incident's category (CAPABILITY_TABLE), and the units already sent to it that are still on
 * their way, so that after dispatch the advice follows the unit that is actually coming (and
 * warns if even it will be late). A unit that asked for help (SOS) is coming to nobody.
 */
export function eligibleFor(incident: Incident, unit: Unit): boolean {
  if (unit.status === 'needs_help') return false;
  if (unit.status === 'available') return capabilityTier(incident.category, unit.force) !== 'none';
  return incident.assignments.some((a) => a.unitId === unit.id && TRAVELLING.has(a.status));
}

/** The best candidate (ranked list, best first) against the incident's arrival target. */
export function adviceFor(incident: Incident, ranked: readonly Candidate[], nowMs: number): IncidentAdvice {
  const best = ranked.find((c) => c.rankSeconds !== null);
  const deadline = Date.parse(incident.createdAt) + DEFAULT_TARGETS[incident.priority].arrivalSeconds * 1000;
  const eta = best ? Math.round(best.rankSeconds!) : null;
  return {
    incidentId: incident.id,
    bestUnitId: best?.unitId ?? null,
    bestEtaSeconds: eta,
    // Nobody able to get there is the strongest reason to warn.
    wouldBreach: eta === null || nowMs + eta * 1000 > deadline,
    computedAt: new Date(nowMs).toISOString(),
  };
}

/**
 * Worth a new event: the first advice, a breach flag that flipped, an ETA that moved by
 * MATERIAL_ETA_SECONDS or more (or appeared/vanished), or a best unit that is no longer
 * eligible (it took another job). A mere swap between two equally good units is not.
 */
export function isMaterialChange(previous: IncidentAdvice | undefined, next: IncidentAdvice, stillEligible: (unitId: string) => boolean): boolean {
  if (!previous) return true;
  if (previous.wouldBreach !== next.wouldBreach) return true;
  if ((previous.bestEtaSeconds === null) !== (next.bestEtaSeconds === null)) return true;
  if (previous.bestEtaSeconds !== null && next.bestEtaSeconds !== null && Math.abs(previous.bestEtaSeconds - next.bestEtaSeconds) >= MATERIAL_ETA_SECONDS)
    return true;
  return previous.bestUnitId !== next.bestUnitId && (previous.bestUnitId === null || !stillEligible(previous.bestUnitId));
}
