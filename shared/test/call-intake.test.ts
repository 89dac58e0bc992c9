import { describe, expect, it } from 'vitest';
import { INCIDENT_CATEGORIES, PRIORITIES, possibleDuplicates, suggestedPriority, type Incident } from '../src/index.js';

const at = (id: string, over: Partial<Incident>): Incident => ({ id, status: 'reported', category: 'public_order', lat: 30, lon: 120, ...over }) as Incident;
/** Metres north of 30°N, 120°E. */
const north = (m: number) => 30 + m / 111_195;

describe('call intake: suggested priority and possible duplicates', () => {
  it('suggests a priority for every category', () => {
    for (const c of INCIDENT_CATEGORIES) expect(PRIORITIES).toContain(suggestedPriority(c));
    expect([suggestedPriority('fire'), suggestedPriority('public_order'), suggestedPriority('dispute'), suggestedPriority('other')]).toEqual([
      'P1',
      'P2',
      'P3',
      'P4',
    ]);
  });

  it.each([
    ['same category within 300 m', [at('a', { lat: north(200) })], ['a']],
    ['not beyond 300 m', [at('a', { lat: north(320) })], []],
    ['not another category', [at('a', { category: 'fire' })], []],
    ['not a resolved one', [at('a', { status: 'resolved' })], []],
    ['not a cancelled one', [at('a', { status: 'cancelled' })], []],
    ['on scene still counts', [at('a', { status: 'on_scene' })], ['a']],
    ['nearest first', [at('far', { lat: north(250) }), at('near', { lat: north(50) })], ['near', 'far']],
  ])('%s', (_, incidents, ids) => {
    expect(possibleDuplicates(incidents, { lat: 30, lon: 120, category: 'public_order' }).map((d) => d.incident.id)).toEqual(ids);
  });

  it('gives the distance in whole metres and takes another radius', () => {
    const found = possibleDuplicates([at('a', { lat: north(450) })], { lat: 30, lon: 120, category: 'public_order' }, 500);
    expect(found).toEqual([{ incident: expect.objectContaining({ id: 'a' }), distanceM: 450 }]);
  });
});
