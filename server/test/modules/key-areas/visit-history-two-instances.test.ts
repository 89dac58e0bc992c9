import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveVisitMinutes } from '../../../src/modules/key-areas/key-area-visit-minutes.js';
import { startTwoInstances, type TwoInstances } from '../../helpers/two-instances.js';
import {
  complianceFromApi,
  complianceFromPositions,
  FILTERS,
  fixAt,
  MIN,
  P,
  refillFromPositions,
  seedAreasAndUnits,
  T0,
  visitRows,
  WINDOW,
  type Seeded,
} from './visit-history-fixture.js';

/**
 * Two instances on one PostgreSQL and one Redis, as behind a load balancer. A
 * fix is accepted by the instance it reaches, and only that one notes its visit
 * minute (it rides with that instance's position batch); the other instance
 * learns of the fix from the event log and writes nothing for it.
 */
describe('key-area visit history with two instances (PostgreSQL + Redis)', () => {
  let two: TwoInstances;
  let s: Seeded;
  beforeAll(async () => {
    two = await startTwoInstances();
    s = await seedAreasAndUnits(two.a);
    await two.b.app.core.settle(); // b knows the areas and units before fixes reach it
    const m = (minutes: number) => T0 + minutes * MIN;
    // Alternating instances, in each unit's time order.
    expect(await fixAt(two.a, 'vh-1', P.gate, m(1))).toBe(200);
    expect(await fixAt(two.b, 'vh-1', P.gate, m(16))).toBe(200);
    expect(await fixAt(two.b, 'vh-2', P.gate, m(16) + 20_000)).toBe(200); // same area and minute as u1, other unit
    expect(await fixAt(two.a, 'vh-2', P.market, m(45))).toBe(200);
    expect(await fixAt(two.b, 'vh-3', P.bank, m(50))).toBe(200);
    // The same fix reaching both (a tracker retrying through the load balancer): each instance accepts it.
    expect(await fixAt(two.a, 'vh-1', P.gate, m(100))).toBe(200);
    expect(await fixAt(two.b, 'vh-1', P.gate, m(100))).toBe(200);
    await Promise.all([two.a.app.core.settle(), two.b.app.core.settle()]);
  });
  afterAll(async () => two?.close());

  it('has each visit minute once, from whichever instance accepted the fix, and nothing else', async () => {
    const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();
    const { gate, market, bank } = s.ids;
    const { u1, u2, u3 } = s.units;
    const rows = await visitRows(two.a);
    expect(rows).toEqual(
      [
        { area: bank, minute: at(50), unit: u3 },
        { area: gate, minute: at(1), unit: u1 },
        { area: gate, minute: at(16), unit: u1 },
        { area: gate, minute: at(16), unit: u2 },
        { area: gate, minute: at(100), unit: u1 },
        { area: market, minute: at(45), unit: u2 },
      ].sort((x, y) => (x.area + x.minute + x.unit < y.area + y.minute + y.unit ? -1 : 1)),
    );
    // The repeated fix is stored twice in positions; the history has it once, as the backfill does.
    const [dup] = await two.a.app.core.db.query<{ n: string }>('SELECT count(*) AS n FROM positions WHERE device_time = $1', [at(100)]);
    expect(Number(dup!.n)).toBe(2);
    for (const f of FILTERS) {
      const q = { ...WINDOW, ...f.q };
      const fromA = await complianceFromApi(two.a, q);
      expect(await complianceFromApi(two.b, q), f.name).toEqual(fromA);
      expect(fromA, f.name).toEqual(await complianceFromPositions(two.a, q));
    }
    expect(await refillFromPositions(two.a)).toBe(rows.length);
    expect(await visitRows(two.a)).toEqual(rows);
  });

  it('a batch written again (a retried commit, a second instance) adds nothing and loses nothing', async () => {
    const before = await visitRows(two.a);
    const again = before.map((r) => ({ keyAreaId: r.area, unitId: r.unit, minuteMs: Date.parse(r.minute) }));
    await saveVisitMinutes(two.a.app.core.db, again);
    await saveVisitMinutes(two.b.app.core.db, [...again, ...again]);
    expect(await visitRows(two.a)).toEqual(before);
  });
});
