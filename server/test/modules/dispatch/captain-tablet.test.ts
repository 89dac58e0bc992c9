import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolledUnit, Incident, UnitRoute } from '@lianfang/shared';
import { WALK_SPEED_KMH, pointToPoint, type RoadGraph } from '@lianfang/shared/routing/index';
import { DEMO_CENTER } from '../../../src/modules/roads/road-network.js';
import { api, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { loginAs, moveUnit, nearestNode, nodeAtDistance, placeUnit, type NodePoint } from './demo-network.js';

type Detail = { timeline: { kind: string; data: Record<string, unknown> }[] };

/** The captain's tablet on the server: its route query, the on-scene proximity rule, and decline with a reason. */
describe('captain tablet commands', () => {
  let t: TestApp;
  let graph: RoadGraph;
  let site: NodePoint;
  let operator: string;
  let manager: string;

  beforeAll(async () => {
    t = await startTestApp({ config: { ADVICE_INTERVAL_MS: 600_000, COVERAGE_INTERVAL_MS: 600_000, ON_SCENE_RADIUS_M: 150 } });
    graph = (await t.app.core.roads()).graph;
    site = nearestNode(graph, DEMO_CENTER.lat, DEMO_CENTER.lon);
    operator = await loginAs(t.app, t.adminToken, 'tabop', 'operator');
    manager = await loginAs(t.app, t.adminToken, 'tabmgr', 'manager');
    await t.app.core.settle();
  });
  afterAll(async () => t?.close());

  let made = 0;
  /** A unit of its own per test (a unit works one incident at a time), `metres` north of the site, with its captain's login. */
  async function crew(metres: number, bearing = 0): Promise<{ unit: EnrolledUnit; captain: string }> {
    const n = ++made;
    const unit = await placeUnit(t.app, t.adminToken, `TAB-${n}`, nodeAtDistance(graph, site, metres, bearing));
    const captain = await loginAs(t.app, t.adminToken, `tabcap${n}`, 'captain', unit.id);
    await t.app.core.settle();
    return { unit, captain };
  }

  async function dispatchedIncident(title: string, unitIds: string[]): Promise<Incident> {
    const made = await api<Incident>(t.app, t.adminToken, 'POST', '/api/incidents', {
      category: 'dispute',
      priority: 'P2',
      title,
      lat: site.lat,
      lon: site.lon,
    });
    expect(made.status).toBe(201);
    expect((await api(t.app, t.adminToken, 'POST', `/api/incidents/${made.body.id}/dispatch`, { unitIds })).status).toBe(200);
    return made.body;
  }
  const step = (token: string, incidentId: string, unitId: string, body: object) =>
    api<Incident & { message?: string; field?: string }>(t.app, token, 'POST', `/api/incidents/${incidentId}/units/${unitId}/status`, body);
  const route = (token: string, incidentId: string, unitId: string) =>
    api<UnitRoute & { message?: string }>(t.app, token, 'GET', `/api/incidents/${incidentId}/units/${unitId}/route`);

  it('gives the captain the road route and ETA of their own unit, the same time a point-to-point search finds', async () => {
    const { unit: mine, captain } = await crew(2000);
    const incident = await dispatchedIncident('Route asked', [mine.id]);
    const res = await route(captain, incident.id, mine.id);
    expect(res.status).toBe(200);
    const from = t.app.core.picture.units.get(mine.id)!.position!;
    const expected = pointToPoint(graph, from, site, { mode: 'car', emergencyFactor: 1.3 })!;
    expect(res.body.fallback).toBe(false);
    // Plus the walk from where the car stops to the point, as the candidates' ETA counts it.
    expect(res.body.etaSeconds!).toBeCloseTo(expected.seconds + (expected.to.distanceM * 3.6) / WALK_SPEED_KMH, 0);
    expect(Math.abs(res.body.distanceM! - (expected.meters + expected.to.distanceM))).toBeLessThan(2);
    expect(res.body.straightM).toBeGreaterThan(1800);
    expect(res.body.path.length).toBeGreaterThan(3);
    expect(res.body.path[0]).toEqual([from.lon, from.lat]);
    expect(res.body.path.at(-1)).toEqual([site.lon, site.lat]);
  });

  it('lets a captain ask only for their own unit; the control room may ask for any; nobody without a login', async () => {
    const { unit: mine, captain } = await crew(1200, 90);
    const { unit: other } = await crew(800, 180);
    const incident = await dispatchedIncident('Route roles', [mine.id, other.id]);
    const refused = await route(captain, incident.id, other.id);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/own unit/);
    expect((await route(operator, incident.id, other.id)).status).toBe(200);
    expect((await route(manager, incident.id, mine.id)).status).toBe(200);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/incidents/${incident.id}/units/${mine.id}/route` });
    expect(anonymous.statusCode).toBe(401);
    expect((await route(captain, 'no-such-incident', mine.id)).status).toBe(404);
  });

  it('refuses an unconfirmed on scene from 2 km away with 409 naming confirmFar and the distance, and records a confirmed one', async () => {
    const { unit: mine, captain } = await crew(2000);
    const incident = await dispatchedIncident('Far on scene', [mine.id]);
    expect((await step(captain, incident.id, mine.id, { status: 'acknowledged' })).status).toBe(200);
    expect((await step(captain, incident.id, mine.id, { status: 'en_route' })).status).toBe(200);
    const refused = await step(captain, incident.id, mine.id, { status: 'on_scene' });
    expect(refused.status).toBe(409);
    expect(refused.body.field).toBe('confirmFar');
    expect(refused.body.message).toMatch(/\b(19|20|21)\d\d m from the incident \(more than 150 m\)/);
    expect(t.app.core.picture.incidents.get(incident.id)!.status).toBe('en_route');
    const confirmed = await step(captain, incident.id, mine.id, { status: 'on_scene', confirmFar: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.assignments.find((a) => a.unitId === mine.id)!.status).toBe('on_scene');
    const detail = await api<Detail>(t.app, t.adminToken, 'GET', `/api/incidents/${incident.id}`);
    const entry = detail.body.timeline.find((e) => e.kind === 'unit_on_scene')!;
    expect(entry.data.confirmedFar).toBe(true);
    expect(entry.data.distanceM as number).toBeGreaterThan(1800);
  });

  it('accepts an on scene without confirmation once the tablet is within the radius; the desk is not held to it', async () => {
    const { unit, captain } = await crew(800, 180);
    const incident = await dispatchedIncident('Near on scene', [unit.id]);
    expect((await step(captain, incident.id, unit.id, { status: 'acknowledged' })).status).toBe(200);
    await moveUnit(t.app, unit, nodeAtDistance(graph, site, 60));
    await t.app.core.settle();
    const res = await step(captain, incident.id, unit.id, { status: 'on_scene' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const detail = await api<Detail>(t.app, t.adminToken, 'GET', `/api/incidents/${incident.id}`);
    const entry = detail.body.timeline.find((e) => e.kind === 'unit_on_scene')!;
    expect(entry.data.confirmedFar).toBe(false);
    expect(entry.data.distanceM as number).toBeLessThanOrEqual(150);
    // The control room enters what a radio unit says: no position rule for it.
    const { unit: radioUnit } = await crew(2500, 90);
    const radio = await dispatchedIncident('Radio on scene', [radioUnit.id]);
    expect((await step(operator, radio.id, radioUnit.id, { status: 'acknowledged' })).status).toBe(200);
    expect((await step(operator, radio.id, radioUnit.id, { status: 'on_scene' })).status).toBe(200);
  });

  it('makes a captain say why they decline, and keeps the reason on the assignment and the timeline', async () => {
    const { unit: mine, captain } = await crew(1500, 270);
    const incident = await dispatchedIncident('Declined', [mine.id]);
    const bare = await step(captain, incident.id, mine.id, { status: 'declined' });
    expect(bare.status).toBe(400);
    expect(bare.body.field).toBe('reason');
    expect((await step(captain, incident.id, mine.id, { status: 'declined', reason: '   ' })).status).toBe(400);
    const res = await step(captain, incident.id, mine.id, { status: 'declined', reason: '车辆故障' });
    expect(res.status).toBe(200);
    const a = res.body.assignments.find((x) => x.unitId === mine.id)!;
    expect(a.status).toBe('declined');
    expect(a.declineReason).toBe('车辆故障');
    expect(res.body.status).toBe('reported');
    expect(t.app.core.picture.units.get(mine.id)!.status).toBe('available');
    const detail = await api<Detail>(t.app, t.adminToken, 'GET', `/api/incidents/${incident.id}`);
    expect(detail.body.timeline.find((e) => e.kind === 'unit_declined')!.data.reason).toBe('车辆故障');
    // Declining is for a dispatch not yet taken on: after acknowledging, the state machine refuses it.
    const taken = await dispatchedIncident('Declined late', [mine.id]);
    await step(captain, taken.id, mine.id, { status: 'acknowledged' });
    expect((await step(captain, taken.id, mine.id, { status: 'declined', reason: 'late' })).status).toBe(409);
  });

  it('puts a captain’s own report under their unit, so it reaches their tablet', async () => {
    const { unit: mine, captain } = await crew(300, 45);
    const res = await api<Incident>(t.app, captain, 'POST', '/api/incidents', {
      category: 'other',
      priority: 'P3',
      title: 'Fallen tree',
      lat: site.lat,
      lon: site.lon,
    });
    expect(res.status).toBe(201);
    expect(res.body.unitId).toBe(mine.id);
    expect(res.body.source).toBe('patrol_report');
    const byOperator = await api<Incident>(t.app, operator, 'POST', '/api/incidents', {
      category: 'other',
      priority: 'P3',
      title: 'Call',
      lat: site.lat,
      lon: site.lon,
    });
    expect(byOperator.body.unitId).toBeNull();
  });
});
