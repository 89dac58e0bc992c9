import { beforeAll, describe, expect, it } from 'vitest';
import type { Candidate, Force, Mode, Position } from '@lianfang/shared';
import { CAPABILITY_TABLE, FORCES, INCIDENT_CATEGORIES, capabilityTier } from '@lianfang/shared';
import { buildRoadGraph, generateCityNetwork, type RoadGraph } from '@lianfang/shared/routing/index';
import { rankCandidates, type LocatedUnit } from '../../../src/modules/dispatch/candidate-ranking.js';
import { chooseReplacement } from '../../../src/modules/dispatch/replacement-choice.js';
import { nearestNode, nodeAtDistance, type NodePoint } from './demo-network.js';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const OPTIONS = { nowMs: NOW, emergencyFactor: 1.3 };

/** The ranking as the desk, the advice and the replacement use it, on a small generated city (pure: no server). */
describe('capability ranking on a road network', () => {
  let graph: RoadGraph;
  let site: NodePoint;
  beforeAll(() => {
    graph = buildRoadGraph(generateCityNetwork({ centerLat: 30.26, centerLon: 120.17, targetEdges: 3000, sizeKm: 3, seed: 7 }));
    site = nearestNode(graph, 30.26, 120.17);
  });

  let n = 0;
  const unit = (force: Force, metres: number, bearing: number, mode: Mode = 'car', status: LocatedUnit['status'] = 'available'): LocatedUnit => {
    const at = nodeAtDistance(graph, site, metres, bearing);
    const position = {
      unitId: `u${++n}`,
      lat: at.lat,
      lon: at.lon,
      deviceTime: new Date(NOW - 5000).toISOString(),
      serverTime: new Date(NOW - 4000).toISOString(),
      flags: [],
    } as unknown as Position;
    return { id: `${force}-${metres}-${n}`, callsign: `${force}-${metres}`, force, mode, teamId: null, status, position };
  };

  it.each(INCIDENT_CATEGORIES)('%s: the first candidate is of a lead force, although every other force is nearer', (category) => {
    const lead = new Set<Force>(CAPABILITY_TABLE[category].lead);
    const units = FORCES.map((force, i) => unit(force, lead.has(force) ? 1400 : 300, i * 50));
    const ranked = rankCandidates(graph, site, units, { ...OPTIONS, category });
    expect(lead.has(ranked[0]!.force), `${category}: ${ranked.map((c) => `${c.force}/${c.tier}`).join(' ')}`).toBe(true);
    expect(ranked[0]!.tier).toBe('lead');
    // The whole list is in tier order among reachable units.
    const tiers = ranked.filter((c) => c.rankSeconds !== null).map((c) => ['lead', 'support', 'assist', 'none'].indexOf(c.tier!));
    expect(tiers).toEqual([...tiers].sort((a, b) => a - b));
  });

  it.each([
    ['a fight', 'public_order', 'police'],
    ['a panic alarm (criminal)', 'criminal', 'police'],
    ['an officer SOS (criminal, P1)', 'criminal', 'police'],
    ['a fire', 'fire', 'fire'],
    ['a medical call', 'medical', 'medical'],
    ['a neighbour dispute', 'dispute', 'volunteer'],
  ] as const)('%s: a fire engine next door is never first; the %s unit is', (_case, category, force) => {
    const units = [unit('fire', 100, 0), unit(force, 1500, 180), unit('security', 800, 90)];
    const ranked = rankCandidates(graph, site, units, { ...OPTIONS, category });
    expect(ranked[0]!.force).toBe(force);
  });

  it('ETA breaks ties within a tier; with no category the order is ETA alone and the tier null', () => {
    const near = unit('police', 400, 0);
    const far = unit('police', 1600, 90);
    const guard = unit('security', 150, 200, 'foot');
    const ranked = rankCandidates(graph, site, [far, guard, near], { ...OPTIONS, category: 'public_order' });
    expect(ranked.map((c) => c.unitId)).toEqual([near.id, far.id, guard.id]);
    expect(ranked[0]!.etaSeconds!).toBeLessThan(ranked[1]!.etaSeconds!);
    const plain = rankCandidates(graph, site, [far, guard, near], OPTIONS);
    expect(plain.every((c) => c.tier === null)).toBe(true);
    expect(plain.map((c) => c.rankSeconds!)).toEqual(plain.map((c) => c.rankSeconds!).sort((a, b) => a - b));
  });
});

describe('the replacement after a missed acknowledgement keeps the capability', () => {
  const c = (unitId: string, force: Force, tier: Candidate['tier'], rankSeconds: number | null = 100, available = true) =>
    ({ unitId, force, tier, rankSeconds, available }) as Candidate;
  // Lists are as rankCandidates returns them: tier, then ETA.
  it.each([
    [
      'police silent at a fight: the next police unit, not the nearer guard',
      [c('p2', 'police', 'lead', 400), c('g1', 'security', 'support', 50)],
      'police',
      'public_order',
      'p2',
    ],
    [
      'police silent, no police left: a guard (support) rather than nothing',
      [c('g1', 'security', 'support'), c('v1', 'volunteer', 'assist')],
      'police',
      'public_order',
      'g1',
    ],
    ['fire silent at a fire: the next fire engine', [c('f2', 'fire', 'lead', 500), c('p1', 'police', 'support', 60)], 'fire', 'fire', 'f2'],
    [
      'police (cordon) silent at a fire: another police unit, not a fire engine',
      [c('f2', 'fire', 'lead', 60), c('p2', 'police', 'support', 300)],
      'police',
      'fire',
      'p2',
    ],
    [
      'a guard silent at a fight with no guard left: police (better tier)',
      [c('p1', 'police', 'lead', 400), c('v1', 'volunteer', 'assist', 30)],
      'security',
      'public_order',
      'p1',
    ],
    ['a fire engine (no part) silent at a fight: police, never another fire engine', [c('p1', 'police', 'lead', 400)], 'fire', 'public_order', 'p1'],
    ['never a unit of no capability', [c('f1', 'fire', 'none', 10)], 'police', 'criminal', null],
    ['never one that cannot reach', [c('p2', 'police', 'lead', null)], 'police', 'criminal', null],
    ['never a busy one', [c('p2', 'police', 'lead', 100, false)], 'police', 'criminal', null],
  ] as const)('%s', (_name, ranked, force, category, expected) => {
    expect(chooseReplacement(ranked, { force, tier: capabilityTier(category, force) })).toBe(expected);
  });
});
