import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coverage, Station, WhatIfReply } from '@lianfang/shared';
import { DEMO_CENTER } from '../../../src/modules/roads/road-network.js';
import { insertStation } from '../../../src/modules/geography/geo-repository.js';
import { api, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { loginAs, nearestNode, nodeAtDistance, placeUnit } from '../dispatch/demo-network.js';

/**
 * Over HTTP: a station covers nothing until an admin gives it a standing crew (and again
 * nothing once it is cleared); the what-if takes moved units, and names the field of bad moves.
 */
describe('standing crews and moved units', () => {
  let t: TestApp;
  let station: Station;
  const D = 0.012;

  beforeAll(async () => {
    t = await startTestApp({ config: { COVERAGE_INTERVAL_MS: 300, COVERAGE_SETTLE_MS: 100, ADVICE_INTERVAL_MS: 600_000 } });
    const graph = (await t.app.core.roads()).graph;
    const at = nearestNode(graph, DEMO_CENTER.lat, DEMO_CENTER.lon);
    station = { id: 'post-centre', name: '中心警务室', kind: 'police_post', lat: at.lat, lon: at.lon };
    const c = DEMO_CENTER;
    await t.app.core.db.query(`INSERT INTO grids (id, name, level, ring) VALUES ('g-crew', 'Crew grid', 'grid', $1)`, [
      JSON.stringify([
        [c.lon - D, c.lat - D],
        [c.lon + D, c.lat - D],
        [c.lon + D, c.lat + D],
        [c.lon - D, c.lat + D],
      ]),
    ]);
    await insertStation(t.app.core.db, station);
    await t.app.core.picture.geography.load(t.app.core.db);
    // One unit on foot far from the station, so there is a published map to compare with.
    await placeUnit(t.app, t.adminToken, 'CREW-FOOT', nodeAtDistance(graph, at, 1500, 45), { mode: 'foot' });
    await coverageWhere(() => true);
  });
  afterAll(async () => {
    await t?.close();
  });

  const share5 = () => t.app.core.picture.coverage!.share.overall.within5;
  /** The live map once it satisfies `ok` (the publisher runs on its own timer). */
  async function coverageWhere(ok: (c: Coverage) => boolean): Promise<Coverage> {
    const until = Date.now() + 15_000;
    for (;;) {
      await t.app.core.settle();
      const c = t.app.core.picture.coverage;
      if (c && ok(c)) return c;
      if (Date.now() > until) throw new Error('coverage never got there');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const setCrew = (token: string, id: string, body: object) => api<Station>(t.app, token, 'PUT', `/api/stations/${id}/standing-crew`, body);

  it('a station without a crew covers nothing; with one it does; cleared, it does not', async () => {
    const without = share5();
    const gapsWithout = t.app.core.picture.coverage!.gapCells!.length;
    expect(without).toBeLessThan(1);
    const set = await setCrew(t.adminToken, station.id, { standingCrew: { force: 'police', mode: 'car' } });
    expect(set.status).toBe(200);
    expect(set.body.standingCrew).toEqual({ force: 'police', mode: 'car' });
    expect((await api<Station[]>(t.app, t.adminToken, 'GET', '/api/stations')).body.find((s) => s.id === station.id)?.standingCrew).toEqual({
      force: 'police',
      mode: 'car',
    });
    const withCrew = await coverageWhere((c) => c.share.overall.within5 !== without);
    expect(withCrew.share.overall.within5).toBeGreaterThan(without);
    expect(withCrew.gapCells!.length).toBeLessThan(gapsWithout);

    expect((await setCrew(t.adminToken, station.id, { standingCrew: null })).body.standingCrew).toBeNull();
    expect((await coverageWhere((c) => c.share.overall.within5 !== withCrew.share.overall.within5)).share.overall.within5).toBe(without);
  });

  it('only an admin sets a crew, and bad input names the field', async () => {
    const operator = await loginAs(t.app, t.adminToken, 'crew_operator', 'operator');
    expect((await setCrew(operator, station.id, { standingCrew: null })).status).toBe(403);
    expect(await setCrew(t.adminToken, 'no-such-station', { standingCrew: null })).toMatchObject({ status: 404 });
    expect(await setCrew(t.adminToken, station.id, { standingCrew: { force: 'police', mode: 'plane' } })).toMatchObject({
      status: 400,
      body: { field: 'standingCrew.mode' },
    });
    expect(await setCrew(t.adminToken, station.id, {})).toMatchObject({ status: 400, body: { field: 'standingCrew' } });
  });

  it('what-if moves a unit onto the station and back, and refuses moves it cannot make', async () => {
    const operator = await loginAs(t.app, t.adminToken, 'crew_operator2', 'operator');
    const walker = [...t.app.core.picture.units.values()].find((u) => u.callsign === 'CREW-FOOT')!;
    const ask = (body: object) => api<WhatIfReply>(t.app, operator, 'POST', '/api/coverage/what-if', body);
    const moved = await ask({ add: [], move: [{ unitId: walker.id, lat: station.lat, lon: station.lon }] });
    expect(moved.status).toBe(200);
    expect(moved.body.gainedCells.length).toBeGreaterThan(0);
    expect(moved.body.lostCells.length).toBeGreaterThan(0);
    expect(moved.body.unplacedMoves).toEqual([]);
    // Moved to where it stands: nothing changes.
    const stay = await ask({ add: [], move: [{ unitId: walker.id, lat: walker.position!.lat, lon: walker.position!.lon }] });
    expect(stay.body.after).toEqual(stay.body.before);

    expect(await ask({ add: [], move: [{ unitId: 'nobody', lat: 30.26, lon: 120.17 }] })).toMatchObject({ status: 422, body: { field: 'move.0.unitId' } });
    expect(await ask({ add: [], removeUnitIds: [walker.id], move: [{ unitId: walker.id, lat: 30.26, lon: 120.17 }] })).toMatchObject({
      status: 422,
      body: { field: 'move.0.unitId' },
    });
    const twice = { unitId: walker.id, lat: 30.26, lon: 120.17 };
    expect(await ask({ add: [], move: [twice, twice] })).toMatchObject({ status: 422, body: { field: 'move.1.unitId' } });
    expect(await ask({ add: [], move: [{ unitId: walker.id, lat: 91, lon: 120.17 }] })).toMatchObject({ status: 400, body: { field: 'move.0.lat' } });
    expect(await ask({ add: [], move: [{ unitId: walker.id, lat: 30.2 }] })).toMatchObject({ status: 400, body: { field: 'move.0.lon' } });
    const captain = await loginAs(t.app, t.adminToken, 'crew_captain', 'captain', walker.id);
    expect((await api(t.app, captain, 'POST', '/api/coverage/what-if', { add: [] })).status).toBe(403);
  });
});
