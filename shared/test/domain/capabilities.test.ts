import { describe, expect, it } from 'vitest';
import {
  CAPABILITY_TABLE,
  FORCES,
  INCIDENT_CATEGORIES,
  capabilityTableProblems,
  capabilityTier,
  capableForces,
  compareByCapability,
  type CapabilityTier,
  type Force,
  type IncidentCategory,
} from '../../src/index.js';

describe('capability table', () => {
  it('covers every category with known forces, none listed twice', () => {
    expect(Object.keys(CAPABILITY_TABLE).sort()).toEqual([...INCIDENT_CATEGORIES].sort());
    expect(capabilityTableProblems()).toEqual([]);
  });

  it.each([
    // The cases the issue names, and each category's lead force.
    ['criminal', 'police', 'lead'],
    ['criminal', 'fire', 'none'],
    ['public_order', 'police', 'lead'],
    ['public_order', 'security', 'support'],
    ['public_order', 'merchant_guard', 'support'],
    ['public_order', 'volunteer', 'assist'],
    ['public_order', 'fire', 'none'],
    ['public_order', 'medical', 'none'],
    ['fire', 'fire', 'lead'],
    ['fire', 'police', 'support'],
    ['medical', 'medical', 'lead'],
    ['medical', 'fire', 'none'],
    ['dispute', 'volunteer', 'lead'],
    ['dispute', 'police', 'support'],
    ['dispute', 'fire', 'none'],
    ['dispute', 'medical', 'none'],
    ['traffic', 'police', 'lead'],
    ['natural_disaster', 'fire', 'lead'],
    ['natural_disaster', 'city_mgmt', 'lead'],
    ['public_health', 'medical', 'lead'],
    ['production_safety', 'fire', 'lead'],
    ['production_safety', 'medical', 'support'],
    ['assistance', 'volunteer', 'lead'],
    ['other', 'police', 'lead'],
    ['other', 'fire', 'assist'],
  ] as const)('%s: %s is %s', (category, force, tier) => {
    expect(capabilityTier(category, force)).toBe(tier);
  });

  it('every force of every emergency-plan category has a part in it (the plans ask for them)', async () => {
    const { DEFAULT_EMERGENCY_PLANS } = await import('../../src/index.js');
    for (const plan of DEFAULT_EMERGENCY_PLANS)
      for (const force of Object.keys(plan.unitMix) as Force[]) expect(capabilityTier(plan.category, force), `${plan.id} ${force}`).not.toBe('none');
  });

  it('lists capable forces best tier first', () => {
    expect(capableForces('fire').slice(0, 2)).toEqual(['fire', 'police']);
    for (const category of INCIDENT_CATEGORIES) {
      const tiers = capableForces(category).map((f) => capabilityTier(category, f));
      expect(tiers).toEqual([...tiers].sort((a, b) => ['lead', 'support', 'assist'].indexOf(a) - ['lead', 'support', 'assist'].indexOf(b)));
    }
  });
});

describe('dispatch order: tier, then ETA', () => {
  const c = (unitId: string, tier: CapabilityTier | null, rankSeconds: number | null) => ({ unitId, tier, rankSeconds });
  it.each([
    ['a lead unit far away before a support unit next door', [c('guard', 'support', 60), c('police', 'lead', 600)], ['police', 'guard']],
    ['ETA breaks ties within a tier', [c('far', 'lead', 300), c('near', 'lead', 120)], ['near', 'far']],
    ['equal ETA within a tier: by id', [c('b', 'lead', 100), c('a', 'lead', 100)], ['a', 'b']],
    ['a lead unit that cannot reach goes after any unit that can', [c('lost', 'lead', null), c('vol', 'assist', 900)], ['vol', 'lost']],
    ['none last among reachable units', [c('engine', 'none', 30), c('vol', 'assist', 900)], ['vol', 'engine']],
    ['no category: ETA alone', [c('x', null, 300), c('y', null, 100)], ['y', 'x']],
  ] as const)('%s', (_name, list, order) => {
    expect([...list].sort(compareByCapability).map((x) => x.unitId)).toEqual(order);
  });

  it('for each category, the first of one unit per force (all at the same ETA but the lead furthest) is a lead force', () => {
    for (const category of INCIDENT_CATEGORIES as readonly IncidentCategory[]) {
      const lead = new Set(CAPABILITY_TABLE[category].lead);
      const list = FORCES.map((force) => c(force, capabilityTier(category, force), lead.has(force) ? 900 : 60));
      const first = [...list].sort(compareByCapability)[0]!;
      expect(lead.has(first.unitId as Force), category).toBe(true);
    }
  });
});
