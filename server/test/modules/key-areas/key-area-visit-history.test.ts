import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyAreaCovers, pointInRing, ringBox } from '@lianfang/shared';
import { startOn, type Driver } from '../analytics/analytics-client.js';
import type { KeyArea } from '@lianfang/shared';
import { api, type TestApp } from '../../helpers/test-app.js';
import {
  complianceFromApi,
  complianceFromPositions,
  FILTERS,
  fixAt,
  GATE,
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
 * The key-area visit history (migration 016) written by the live path, against
 * the definition: compliance computed from every stored fix. Slots of [T0, T0 + 2 h):
 *   Gate   every 15 min, round the clock: 8 slots
 *   Market every 30 min, round the clock: 4 slots (a triangle)
 *   Bank   every 20 min, T0+30 … T0+90 local: 3 slots
 */
describe.each<Driver>(['pglite', 'postgres'])('key-area visit history (%s)', (driver) => {
  let t: TestApp;
  let s: Seeded;
  beforeAll(async () => {
    t = await startOn(driver);
    s = await seedAreasAndUnits(t);
    const m = (minutes: number) => T0 + minutes * MIN;
    // u1 (police)
    expect(await fixAt(t, 'vh-1', P.gate, m(1))).toBe(200); //                   Gate slot 0
    expect(await fixAt(t, 'vh-1', P.gate, m(15))).toBe(200); //                  exactly on a boundary: Gate slot 1, not 0
    expect(await fixAt(t, 'vh-1', P.gate, m(30) - 1)).toBe(200); //              the last millisecond of Gate slot 1 (minute T0+29)
    expect(await fixAt(t, 'vh-1', P.bank, m(31))).toBe(200); //                  Bank slot 0
    expect(await fixAt(t, 'vh-1', P.nowhere, m(40))).toBe(200); //               outside every area
    expect(await fixAt(t, 'vh-1', P.gate, m(100))).toBe(200); //                 Gate slot 6
    // u2 (security)
    expect(await fixAt(t, 'vh-2', P.marketBoxCorner, m(5))).toBe(200); //        in the triangle's box only: Market slot 0 stays empty
    expect(await fixAt(t, 'vh-2', P.market, m(45))).toBe(200); //                Market slot 1
    expect(await fixAt(t, 'vh-2', P.gateEdge, m(62))).toBe(200); //              on the Gate's edge: Gate slot 4
    expect(await fixAt(t, 'vh-2', P.gate, m(120))).toBe(200); //                 the window's end: no slot
    await t.app.core.settle();
    // Arriving after those were committed: u1 late (its own older fix: refused, stored nowhere), u3 late for the first time.
    expect(await fixAt(t, 'vh-1', P.gate, m(80))).toBe(200); //                  out of order → dropped: Gate slot 5 stays empty
    expect(await fixAt(t, 'vh-3', P.bank, m(50))).toBe(200); //                  exactly on a boundary: Bank slot 1
    expect(await fixAt(t, 'vh-3', P.gate, m(95))).toBe(200); //                  Gate slot 6 again
    expect(await fixAt(t, 'vh-3', P.gate, m(100) + 10_000)).toBe(200); //        the minute u1 was there too: a row of its own
    await t.app.core.settle();
  });
  afterAll(async () => t?.close());

  it('counts the slots by hand: boundaries, edges, the box corner, a fix outside, late and dropped fixes', async () => {
    const rows = await complianceFromApi(t, WINDOW);
    expect(rows.map((r) => [r.name, r.slotsRequired, r.slotsVisited, r.compliance])).toEqual([
      ['Bank', 3, 2, 2 / 3], //   slots 0 (u1), 1 (u3)
      ['Gate', 8, 4, 0.5], //     slots 0, 1, 4 (edge), 6
      ['Market', 4, 1, 0.25], //  slot 1
    ]);
    const byFilter = async (q: object) => (await complianceFromApi(t, { ...WINDOW, ...q })).map((r) => [r.name, r.slotsVisited]);
    expect(await byFilter({ force: 'police' })).toEqual([
      ['Bank', 1],
      ['Gate', 3],
      ['Market', 0],
    ]);
    expect(await byFilter({ force: 'security' })).toEqual([
      ['Bank', 1],
      ['Gate', 2],
      ['Market', 1],
    ]);
    expect(await byFilter({ teamId: 't-x' })).toEqual([
      ['Bank', 1],
      ['Gate', 1],
      ['Market', 0],
    ]);
  });

  it('gives the same tables as every stored fix, for every filter and for windows off the minute', async () => {
    const windows = [WINDOW, { from: new Date(T0 + 14 * MIN + 59_999).toISOString(), to: new Date(T0 + 100 * MIN + 30_000).toISOString() }];
    for (const w of windows) {
      for (const f of FILTERS) {
        const q = { ...w, ...f.q };
        expect(await complianceFromApi(t, q), `${f.name} ${w.from}`).toEqual(await complianceFromPositions(t, q));
      }
    }
  });

  it('writes one row per area, minute and unit, the rows the backfill makes from positions', async () => {
    const live = await visitRows(t);
    const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();
    const { gate, market, bank } = s.ids;
    const { u1, u2, u3 } = s.units;
    expect(live).toEqual(
      [
        { area: bank, minute: at(31), unit: u1 },
        { area: bank, minute: at(50), unit: u3 },
        { area: gate, minute: at(1), unit: u1 },
        { area: gate, minute: at(15), unit: u1 },
        { area: gate, minute: at(29), unit: u1 },
        { area: gate, minute: at(62), unit: u2 },
        { area: gate, minute: at(95), unit: u3 },
        { area: gate, minute: at(100), unit: u1 },
        { area: gate, minute: at(100), unit: u3 },
        { area: gate, minute: at(120), unit: u2 },
        { area: market, minute: at(45), unit: u2 },
      ].sort((a, b) => (a.area + a.minute + a.unit < b.area + b.minute + b.unit ? -1 : 1)),
    );
    expect(await refillFromPositions(t)).toBe(live.length);
    expect(await visitRows(t)).toEqual(live);
    // Run again, nothing is added.
    const [again] = await t.app.core.db.query<{ n: string }>('SELECT lf_fill_key_area_visit_minutes() AS n');
    expect(Number(again!.n)).toBe(0);
  });

  it('uses PostgreSQL\'s rule for "inside" (a point on the edge is in), not ray casting', () => {
    expect(pointInRing(P.gateEdge.lon, P.gateEdge.lat, GATE)).toBe(false);
    expect(keyAreaCovers(ringBox(GATE), GATE, P.gateEdge.lon, P.gateEdge.lat)).toBe(true);
  });

  it('a batch that fails to commit keeps its visit minutes with its fixes, and both land on the next flush', async () => {
    const { db, positions } = t.app.core;
    const count = async (table: string) => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
    const before = { positions: await count('positions'), visits: await count('key_area_visit_minutes') };
    await db.query('ALTER TABLE key_area_visit_minutes RENAME TO key_area_visit_minutes_away');
    try {
      expect(await fixAt(t, 'vh-2', P.market, T0 + 121 * MIN)).toBe(200);
      await positions.flush();
      expect(await count('positions')).toBe(before.positions);
    } finally {
      await db.query('ALTER TABLE key_area_visit_minutes_away RENAME TO key_area_visit_minutes');
    }
    await positions.flush();
    expect(await count('positions')).toBe(before.positions + 1);
    expect(await count('key_area_visit_minutes')).toBe(before.visits + 1);
    const later = { from: WINDOW.from, to: new Date(T0 + 150 * MIN).toISOString() };
    expect(await complianceFromApi(t, later)).toEqual(await complianceFromPositions(t, later));
  });

  it('an area created while a fix inside it waits in the batch still gets that minute (caught up from positions)', async () => {
    const { core } = t.app;
    const ring: [number, number][] = [
      [120.33, 30.3],
      [120.332, 30.3],
      [120.332, 30.302],
      [120.33, 30.302],
    ];
    // Device time a little ahead, so that it falls after the area's creation; the fix is accepted while no area is there.
    const deviceMs = Date.now() + 30_000;
    expect(await fixAt(t, 'vh-1', { lon: 120.331, lat: 30.301 }, deviceMs)).toBe(200);
    const created = await api<KeyArea>(t.app, t.adminToken, 'POST', '/api/key-areas', {
      name: 'Late gate',
      ring,
      everyMinutes: 10,
      from: '00:00',
      to: '00:00',
    });
    expect(created.status).toBe(201);
    expect(Date.parse(created.body.createdAt)).toBeLessThanOrEqual(deviceMs);
    await core.settle();
    const rows = (await visitRows(t)).filter((r) => r.area === created.body.id);
    expect(rows).toEqual([{ area: created.body.id, minute: new Date(Math.floor(deviceMs / MIN) * MIN).toISOString(), unit: s.units.u1 }]);
  });
});
