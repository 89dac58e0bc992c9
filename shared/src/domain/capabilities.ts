import type { Force } from '../schemas/common.js';
import { FORCES } from '../schemas/common.js';
import type { IncidentCategory } from '../schemas/incident.js';
import { INCIDENT_CATEGORIES } from '../schemas/incident.js';

/**
 * How well a force fits a kind of incident, best first:
 * - `lead`: the force whose job this is (police for a fight, fire for a fire);
 * - `support`: a force that helps from the first minute (police holding a fire's cordon,
 *   a security company or a merchant guard breaking up a fight);
 * - `assist`: useful hands when nobody better is near (volunteers at a fight, first-aiders);
 * - `none`: no part in it (a fire engine at a neighbour dispute). Never offered by default.
 */
export const CAPABILITY_TIERS = ['lead', 'support', 'assist', 'none'] as const;
export type CapabilityTier = (typeof CAPABILITY_TIERS)[number];

/** Forces per tier for one category; a force listed nowhere is `none`. */
type CategoryCapability = { lead: readonly Force[]; support: readonly Force[]; assist: readonly Force[] };

/**
 * The capability table. Sources: the district's division of labour (110 police, 119 fire,
 * 120 medical, the grid for disputes) and the emergency plans' unit mixes
 * (DEFAULT_EMERGENCY_PLANS: flood, outbreak, industrial accident), which call for exactly these forces.
 */
export const CAPABILITY_TABLE: Readonly<Record<IncidentCategory, CategoryCapability>> = {
  // Theft, robbery, a panic alarm, an officer's SOS: police lead; guards on site hold the scene.
  criminal: { lead: ['police'], support: ['security', 'merchant_guard'], assist: ['volunteer'] },
  // A fight, a crowd: police lead; security companies and merchant guards separate people; volunteers watch and guide.
  public_order: { lead: ['police'], support: ['security', 'merchant_guard'], assist: ['volunteer', 'city_mgmt'] },
  // A neighbour dispute: the grid's mediators and volunteers first ("small matters stay in the grid"); police if it turns.
  dispute: { lead: ['volunteer'], support: ['police'], assist: ['security', 'merchant_guard', 'city_mgmt'] },
  // A crash, a blocked road: police (traffic) lead; city management and volunteers direct traffic.
  traffic: { lead: ['police'], support: ['city_mgmt', 'volunteer'], assist: ['security', 'merchant_guard', 'medical'] },
  // Fire first; police for the cordon; medical on standby; guards and volunteers evacuate.
  fire: { lead: ['fire'], support: ['police'], assist: ['medical', 'security', 'merchant_guard', 'volunteer'] },
  // Medical first; trained first-aiders nearby (volunteers, guards, police) while the ambulance comes.
  medical: { lead: ['medical'], support: ['volunteer', 'security', 'police'], assist: ['merchant_guard'] },
  // Flood plan mix (police, fire, volunteer, city_mgmt): rescue and drainage lead.
  natural_disaster: { lead: ['fire', 'city_mgmt'], support: ['police', 'volunteer'], assist: ['medical', 'security'] },
  // Outbreak plan mix (medical, police, volunteer).
  public_health: { lead: ['medical'], support: ['police', 'volunteer'], assist: ['city_mgmt', 'security'] },
  // Industrial accident plan mix (fire, medical, police, city_mgmt).
  production_safety: { lead: ['fire'], support: ['medical', 'police'], assist: ['city_mgmt', 'security'] },
  // Someone needs a hand (a lost child, an elderly person who fell in the street).
  assistance: { lead: ['police', 'volunteer'], support: ['security', 'merchant_guard', 'city_mgmt'], assist: ['medical'] },
  // Not known yet (a radio call nobody has classified): a patrol goes to look; fire and medical only last.
  other: { lead: ['police'], support: ['security', 'merchant_guard', 'volunteer', 'city_mgmt'], assist: ['fire', 'medical'] },
};

const TIER_RANK: Readonly<Record<CapabilityTier, number>> = { lead: 0, support: 1, assist: 2, none: 3 };

/** The force's tier for the category. */
export function capabilityTier(category: IncidentCategory, force: Force): CapabilityTier {
  const row = CAPABILITY_TABLE[category];
  if (row.lead.includes(force)) return 'lead';
  if (row.support.includes(force)) return 'support';
  if (row.assist.includes(force)) return 'assist';
  return 'none';
}

/** Lower is better; for sorting. */
export function tierRank(tier: CapabilityTier): number {
  return TIER_RANK[tier];
}

/** Forces that have a part in the category, best tier first (the desk's force chips follow this order). */
export function capableForces(category: IncidentCategory): Force[] {
  const row = CAPABILITY_TABLE[category];
  return [...row.lead, ...row.support, ...row.assist];
}

/** Every category names only known forces and no force twice (checked by the table test, and cheap to assert at load). */
export function capabilityTableProblems(): string[] {
  const problems: string[] = [];
  for (const category of INCIDENT_CATEGORIES) {
    const listed = capableForces(category);
    if (listed.length === 0) problems.push(`${category}: no force`);
    if (new Set(listed).size !== listed.length) problems.push(`${category}: a force listed twice`);
    for (const f of listed) if (!(FORCES as readonly string[]).includes(f)) problems.push(`${category}: unknown force ${f}`);
  }
  return problems;
}

/** What a ranked candidate needs for ordering: its tier (null: no category given) and its rank ETA (null: unreachable). */
export interface RankedByCapability {
  unitId: string;
  tier: CapabilityTier | null;
  rankSeconds: number | null;
}

/**
 * The dispatch order: units that can get there before units that cannot, then capability
 * tier, then road ETA (stale uncertainty included), then id for a stable list. A lead unit
 * that cannot reach the point within the search limit is no help, so it does not jump
 * ahead of a support unit that can.
 */
export function compareByCapability(a: RankedByCapability, b: RankedByCapability): number {
  const ua = a.rankSeconds === null ? 1 : 0;
  const ub = b.rankSeconds === null ? 1 : 0;
  if (ua !== ub) return ua - ub;
  const ta = a.tier === null ? 0 : TIER_RANK[a.tier];
  const tb = b.tier === null ? 0 : TIER_RANK[b.tier];
  if (ta !== tb) return ta - tb;
  const ra = a.rankSeconds ?? Infinity;
  const rb = b.rankSeconds ?? Infinity;
  if (ra !== rb) return ra < rb ? -1 : 1;
  return a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0;
}
