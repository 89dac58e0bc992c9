import type { KeyAreaComplianceRow } from '@lianfang/shared';
import type { AnalyticsContext } from './analytics-scope.js';
import { keyAreaSlotTally, type KeyAreaComplianceQuery } from './key-area-slots.js';

export type { KeyAreaComplianceQuery } from './key-area-slots.js';

/**
 * "A patrol every N minutes during its hours", read from the visit history
 * (key_area_visit_minutes, migration 016): the whole minutes in which a unit's
 * accepted fix lay inside the area. Slots start and end on whole minutes, so a
 * slot holds a fix inside the ring exactly when it holds one of its visited
 * minutes: the same answer as testing every stored fix (the definition, kept in
 * key-area-compliance-from-positions.ts), for one index probe per required slot
 * instead of a pass over every fix of the window. The force/team filter applies
 * to the unit of each minute (its current force and team, as for fixes before).
 */
export async function keyAreaCompliance(ctx: AnalyticsContext, q: KeyAreaComplianceQuery): Promise<KeyAreaComplianceRow[]> {
  return keyAreaSlotTally(
    ctx,
    q,
    (_p, w) => `
     -- The units a force/team filter keeps, hashed once (a join to units in every probe cost twice as much).
     ${w.unitFilter ? `fu AS MATERIALIZED (SELECT id FROM units u WHERE ${w.unitFilter}),` : ''}
     -- One index probe per required slot (primary key: area, minute, unit), stopping at the first row:
     -- the cost follows the slots, not how many minutes were visited (a sort of slots and minutes did).
     tally AS (
       SELECT id, count(*)::int AS required,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM key_area_visit_minutes v
                 WHERE v.key_area_id = slots.id AND v.minute >= slots.s0 AND v.minute < slots.s1
                       ${w.unitFilter ? 'AND v.unit_id IN (SELECT id FROM fu)' : ''}))::int AS visited
         FROM slots GROUP BY id)`,
  );
}
