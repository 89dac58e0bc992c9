import { describe, expect, it } from 'vitest';
import type { Incident, Unit } from '@lianfang/shared';
import { UNIT_STATUSES } from '@lianfang/shared';
import { isOfferable } from '../../../src/modules/dispatch/candidate-service.js';
import { eligibleFor } from '../../../src/modules/dispatch/incident-advice.js';

const unit = (status: Unit['status'], force: Unit['force'] = 'police'): Unit => ({
  id: 'u1',
  callsign: 'U1',
  force,
  mode: 'car',
  teamId: null,
  status,
  position: null,
});
const incident = (over: Partial<Incident> = {}) => ({ id: 'i1', category: 'criminal', assignments: [], ...over }) as unknown as Incident;
const travelling = incident({
  assignments: [{ unitId: 'u1', status: 'en_route' } as Incident['assignments'][number]],
});

/** Who may be offered at all, and who may be an incident's advised unit: a unit in needs_help never is. */
describe('a unit that raised an SOS is never a candidate', () => {
  it.each(UNIT_STATUSES.map((s) => [s, s !== 'off_duty' && s !== 'needs_help'] as const))('status %s → listed: %s', (status, listed) => {
    expect(isOfferable(unit(status))).toBe(listed);
  });

  it.each([
    ['available police at a crime', unit('available'), incident(), true],
    ['available fire engine at a crime (no part)', unit('available', 'fire'), incident(), false],
    ['needs_help police at a crime', unit('needs_help'), incident(), false],
    ['needs_help although it was on its way to this incident', unit('needs_help'), travelling, false],
    ['en route to this incident', unit('en_route'), travelling, true],
    ['busy elsewhere', unit('busy'), incident(), false],
  ] as const)('advice: %s → %s', (_name, u, i, eligible) => {
    expect(eligibleFor(i, u)).toBe(eligible);
  });
});
