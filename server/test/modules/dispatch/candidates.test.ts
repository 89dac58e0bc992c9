import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Candidate, CandidatesReply, Incident, Unit } from '@lianfang/shared';
import { WALK_SPEED_KMH, pointToPoint, type RoadGraph } from '@lianfang/shared/routing/index';
import { DEMO_CENTER } from '../../../src/modules/roads/road-network.js';
import { RecordingClient } from '../../helpers/socket-client.js';
import { api, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { loginAs, nearestNode, nodeAtDistance, placeUnit, type NodePoint } from './demo-network.js';

const EMERGENCY_FACTOR = 1.3;

/** ETA-ranked candidates over REST and the socket, on the demo city, checked against independent searches. */
describe('dispatch candidates', () => {
  let t: TestApp;
  let graph: RoadGraph;
  let site: NodePoint;
  const units: Record<string, Unit> = {};

  beforeAll(async () => {
    // Advice and coverage beats out of the way: this file is about the on-demand ranking.
    t = await startTestApp({ config: { ADVICE_INTERVAL_MS: 600_000, COVERAGE_INTERVAL_MS: 600_000 } });
    graph = (await t.app.core.roads()).graph;
    site = nearestNode(graph, DEMO_CENTER.lat, DEMO_CENTER.lon);
    await t.app.core.db.query(`INSERT INTO teams (id, name, force) VALUES ('team-guards', 'Guards', 'security')`);
    const place = async (callsign: string, metres: number, bearing: number, extra: Parameters<typeof placeUnit>[4] = {}) => {
      units[callsign] = await placeUnit(t.app, t.adminToken, callsign, nodeAtDistance(graph, site, metres, bearing), extra);
    };
    await place('CAR-1', 900, 0);
    await place('MOTO-1', 1500, 90, { mode: 'moto' });
    await place('FOOT-1', 250, 180, { mode: 'foot', force: 'security' });
    await place('BIKE-1', 600, 270, { mode: 'bike', force: 'volunteer' });
    await place('GUARD-1', 400, 45, { mode: 'foot', force: 'security', teamId: 'team-guards' });
    // Right at the incident, but its fix is ten minutes old.
    await place('STALE-1', 30, 0, { ageSeconds: 600 });
    await place('BUSY-1', 100, 90);
    await place('OFF-1', 50, 180);
    await api(t.app, t.adminToken, 'POST', '/api/units', { callsign: 'NOPOS-1', force: 'police', mode: 'car' });
    await api(t.app, t.adminToken, 'POST', `/api/units/${units['BUSY-1']!.id}/status`, { status: 'busy' });
    await api(t.app, t.adminToken, 'POST', `/api/units/${units['OFF-1']!.id}/status`, { status: 'off_duty' });
    await t.app.core.settle();
  });
  afterAll(async () => t?.close());

  const ask = (body: object, token = t.adminToken) => api<CandidatesReply>(t.app, token, 'POST', '/api/candidates', body);

  it('ranks available units by ETA with values equal to a separate point-to-point search, busy units last', async () => {
    const res = await ask({ lat: site.lat, lon: site.lon });
    expect(res.status).toBe(200);
    const list = res.body.candidates;
    expect(res.body.emergencyFactor).toBe(EMERGENCY_FACTOR);
    expect(list.map((c) => c.callsign).sort()).toEqual(['BIKE-1', 'BUSY-1', 'CAR-1', 'FOOT-1', 'GUARD-1', 'MOTO-1', 'STALE-1']);

    // Available first, in rank order; the busy unit after them, flagged.
    const firstBusy = list.findIndex((c) => !c.available);
    expect(list.slice(firstBusy).every((c) => !c.available)).toBe(true);
    expect(list[firstBusy]).toMatchObject({ callsign: 'BUSY-1', status: 'busy', available: false });
    const ranks = list.slice(0, firstBusy).map((c) => c.rankSeconds!);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    // Each fresh ETA is the forward point-to-point route (another search direction and code path) plus the walk from the kerb.
    for (const c of list.filter((x) => !x.stale)) {
      const route = pointToPoint(graph, { lat: c.lat, lon: c.lon }, site, { mode: c.mode, emergencyFactor: EMERGENCY_FACTOR });
      expect(route, c.callsign).not.toBeNull();
      const expected = route!.seconds + (route!.to.distanceM * 3.6) / WALK_SPEED_KMH;
      expect(Math.abs(c.etaSeconds! - expected), c.callsign).toBeLessThan(0.1);
      expect(Math.abs(c.distanceM! - (route!.meters + route!.to.distanceM)), c.callsign).toBeLessThan(1);
      expect(c).toMatchObject({ stale: false, uncertaintySeconds: 0, fallback: false, rankSeconds: c.etaSeconds });
      expect(c.positionAgeSeconds).toBeLessThan(60);
    }
  });

  it('flags a unit whose fix is old as stale and ranks it by ETA plus the age-based uncertainty', async () => {
    const list = (await ask({ lat: site.lat, lon: site.lon })).body.candidates;
    const stale = list.find((c) => c.callsign === 'STALE-1')!;
    expect(stale).toMatchObject({ stale: true, uncertaintySeconds: 300, available: true });
    expect(stale.positionAgeSeconds).toBeGreaterThanOrEqual(600);
    expect(stale.rankSeconds!).toBeCloseTo(stale.etaSeconds! + 300, 1);
    // Nearest by far on the map, yet a fresh unit that is less than five minutes out goes first.
    const fastestFresh = list.filter((c) => !c.stale && c.available)[0]!;
    expect(stale.etaSeconds!).toBeLessThan(fastestFresh.etaSeconds!);
    expect(list[0]!.callsign).toBe(fastestFresh.callsign);
  });

  it('filters by force, mode, team and limit, for a point and for an open incident', async () => {
    const only = async (filters: object, check: (c: Candidate) => boolean) => {
      const res = await ask({ lat: site.lat, lon: site.lon, ...filters });
      expect(res.status).toBe(200);
      expect(res.body.candidates.length).toBeGreaterThan(0);
      expect(res.body.candidates.every(check)).toBe(true);
      return res.body.candidates;
    };
    await only({ mode: 'foot' }, (c) => c.mode === 'foot');
    expect((await only({ force: 'security' }, (c) => c.force === 'security')).map((c) => c.callsign).sort()).toEqual(['FOOT-1', 'GUARD-1']);
    expect(await only({ teamId: 'team-guards' }, (c) => c.unitId === units['GUARD-1']!.id)).toHaveLength(1);
    const limited = await only({ limit: 2 }, () => true);
    expect(limited.filter((c) => c.available)).toHaveLength(2);

    const incident = await api<Incident>(t.app, t.adminToken, 'POST', '/api/incidents', {
      category: 'dispute',
      priority: 'P2',
      title: 'Quarrel at the market',
      lat: site.lat,
      lon: site.lon,
    });
    expect(incident.status).toBe(201);
    // An empty filter, as a form leaves it, is no filter.
    const forIncident = await api<CandidatesReply>(t.app, t.adminToken, 'GET', `/api/incidents/${incident.body.id}/candidates?limit=3&force=&mode=car`);
    expect(forIncident.status).toBe(200);
    const atPoint = (await ask({ lat: site.lat, lon: site.lon, limit: 3, mode: 'car' })).body.candidates;
    expect(forIncident.body.candidates.map((c) => [c.unitId, c.etaSeconds])).toEqual(atPoint.map((c) => [c.unitId, c.etaSeconds]));
    expect((await api(t.app, t.adminToken, 'GET', '/api/incidents/no-such-incident/candidates')).status).toBe(404);
  });

  it('ranks by capability tier for the category, then ETA; leaves out forces with no part unless the force filter names them', async () => {
    const ids = (list: Candidate[]) => list.map((c) => c.callsign);
    // A neighbour dispute: the volunteer (lead) first although two guards are nearer, then police (support), then guards (assist).
    const dispute = (await ask({ lat: site.lat, lon: site.lon, category: 'dispute' })).body.candidates.filter((c) => c.available);
    expect(dispute[0]).toMatchObject({ callsign: 'BIKE-1', tier: 'lead' });
    expect(dispute.map((c) => c.tier)).toEqual(
      [...dispute.map((c) => c.tier)].sort((a, b) => ['lead', 'support', 'assist'].indexOf(a!) - ['lead', 'support', 'assist'].indexOf(b!)),
    );
    const police = dispute.filter((c) => c.tier === 'support');
    expect(police.map((c) => c.rankSeconds!)).toEqual(police.map((c) => c.rankSeconds!).sort((a, b) => a - b));
    // An industrial accident: volunteers have no part, so BIKE-1 is not offered…
    const hazmat = await ask({ lat: site.lat, lon: site.lon, category: 'production_safety' });
    expect(ids(hazmat.body.candidates)).not.toContain('BIKE-1');
    expect(hazmat.body.candidates.every((c) => c.tier !== 'none')).toBe(true);
    // …unless the operator asks for volunteers by name: then it is listed, marked as of no part.
    const named = await ask({ lat: site.lat, lon: site.lon, category: 'production_safety', force: 'volunteer' });
    expect(named.body.candidates).toEqual([expect.objectContaining({ callsign: 'BIKE-1', tier: 'none' })]);
    // Without a category, no tiers: ETA alone, as before.
    expect((await ask({ lat: site.lat, lon: site.lon })).body.candidates.every((c) => c.tier === null)).toBe(true);
    expect(await ask({ lat: site.lat, lon: site.lon, category: 'brawl' })).toMatchObject({ status: 400, body: { field: 'category' } });
  });

  it('answers dispatch:candidates on the socket with the same reply, checking input and role', async () => {
    const wall = new RecordingClient(t.url, t.adminToken);
    await wall.connected();
    const reply = await wall.socket.emitWithAck('dispatch:candidates', { lat: site.lat, lon: site.lon, mode: 'car' });
    if (!('data' in reply)) throw new Error(reply.error);
    const rest = (await ask({ lat: site.lat, lon: site.lon, mode: 'car' })).body;
    expect(reply.data.candidates.map((c) => c.unitId)).toEqual(rest.candidates.map((c) => c.unitId));
    expect(await wall.socket.emitWithAck('dispatch:candidates', { lat: 200, lon: site.lon })).toMatchObject({ details: [{ field: 'lat' }] });
    wall.close();

    const captain = await loginAs(t.app, t.adminToken, 'cand_captain', 'captain', units['CAR-1']!.id);
    const tablet = new RecordingClient(t.url, captain);
    await tablet.connected();
    expect(await tablet.socket.emitWithAck('dispatch:candidates', { lat: site.lat, lon: site.lon })).toMatchObject({
      error: expect.stringMatching(/forbidden/),
    });
    tablet.close();
  });

  it('needs a control-room login and names the field of bad input', async () => {
    const body = { lat: site.lat, lon: site.lon };
    expect((await t.app.inject({ method: 'POST', url: '/api/candidates', payload: body })).statusCode).toBe(401);
    const captain = await loginAs(t.app, t.adminToken, 'cand_captain2', 'captain', units['FOOT-1']!.id);
    expect((await ask(body, captain)).status).toBe(403);
    const manager = await loginAs(t.app, t.adminToken, 'cand_manager', 'manager');
    expect((await ask(body, manager)).status).toBe(200);

    expect(await ask({ lat: 'north', lon: site.lon })).toMatchObject({ status: 400, body: { field: 'lat' } });
    expect(await ask({ lat: site.lat })).toMatchObject({ status: 400, body: { field: 'lon' } });
    expect(await ask({ ...body, limit: 0 })).toMatchObject({ status: 400, body: { field: 'limit' } });
    expect(await ask({ ...body, force: 'army' })).toMatchObject({ status: 400, body: { field: 'force' } });
    const open = [...t.app.core.picture.incidents.keys()][0]!;
    expect(await api(t.app, t.adminToken, 'GET', `/api/incidents/${open}/candidates?mode=plane`)).toMatchObject({ status: 400, body: { field: 'mode' } });
  });
});
