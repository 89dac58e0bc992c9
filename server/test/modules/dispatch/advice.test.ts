import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidatesReply, Incident, IncidentAdvice, Snapshot } from '@lianfang/shared';
import type { RoadGraph } from '@lianfang/shared/routing/index';
import { PublisherLease } from '../../../src/pipeline/publisher-lease.js';
import { DEMO_CENTER } from '../../../src/modules/roads/road-network.js';
import { RecordingClient } from '../../helpers/socket-client.js';
import { api, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { moveUnit, nearestNode, nodeAtDistance, placeUnit } from './demo-network.js';

/** `incident.advice`: the predicted best ETA and the breach warning, before anyone is dispatched. */
describe('incident advice', () => {
  let t: TestApp;
  let graph: RoadGraph;

  beforeAll(async () => {
    // A long beat: advice here comes from the triggers and from settle(), so every step is deterministic.
    t = await startTestApp({ config: { ADVICE_INTERVAL_MS: 600_000, COVERAGE_INTERVAL_MS: 600_000 } });
    graph = (await t.app.core.roads()).graph;
  });
  afterAll(async () => t?.close());

  const openIncident = async (at: { lat: number; lon: number }, priority = 'P1') => {
    const res = await api<Incident>(t.app, t.adminToken, 'POST', '/api/incidents', {
      category: 'public_order',
      priority,
      title: 'Fight outside a bar',
      lat: at.lat,
      lon: at.lon,
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  it('warns before dispatch when the only unit is far, clears when one comes close, and ignores small moves', async () => {
    const site = nearestNode(graph, DEMO_CENTER.lat, DEMO_CENTER.lon);
    const screen = new RecordingClient(t.url, t.adminToken);
    await screen.connected();
    const adviceFor = (id: string) =>
      screen.received
        .filter((r) => r.event === 'incident:advice')
        .map((r) => r.payload.advice as IncidentAdvice)
        .filter((a) => a.incidentId === id);

    // On foot 1.5 km away: a quarter of an hour, against a five-minute P1 target.
    const far = await placeUnit(t.app, t.adminToken, 'ADV-FOOT', nodeAtDistance(graph, site, 1500), { mode: 'foot' });
    await t.app.core.settle();
    const incident = await openIncident(site);
    await t.app.core.settle();
    await screen.waitForSeq(t.app.core.sequencer.applied);
    const first = adviceFor(incident.id);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ bestUnitId: far.id, wouldBreach: true });
    // The same number the candidate list shows for that unit.
    const listed = (await api<CandidatesReply>(t.app, t.adminToken, 'GET', `/api/incidents/${incident.id}/candidates`)).body.candidates.find(
      (c) => c.unitId === far.id,
    )!;
    expect(Math.abs(first[0]!.bestEtaSeconds! - listed.rankSeconds!)).toBeLessThanOrEqual(1);
    expect(first[0]!.bestEtaSeconds!).toBeGreaterThan(300);

    // A car 300 m away reports in: it would be there in time.
    const near = await placeUnit(t.app, t.adminToken, 'ADV-CAR', nodeAtDistance(graph, site, 300), { mode: 'car' });
    await t.app.core.settle();
    await screen.waitForSeq(t.app.core.sequencer.applied);
    const second = adviceFor(incident.id);
    expect(second).toHaveLength(2);
    expect(second[1]).toMatchObject({ bestUnitId: near.id, wouldBreach: false });
    expect(second[1]!.bestEtaSeconds!).toBeLessThan(300);

    // A few metres further along the same street is not news.
    const at = near.position ?? t.app.core.picture.units.get(near.id)!.position!;
    await moveUnit(t.app, near, { lat: at.lat + 0.00004, lon: at.lon });
    await t.app.core.settle();
    await t.app.core.advice.tick();
    await t.app.core.settle();
    await screen.waitForSeq(t.app.core.sequencer.applied);
    expect(adviceFor(incident.id)).toHaveLength(2);

    // Every screen that connects later gets it in the snapshot.
    const snapshot = (await api<Snapshot>(t.app, t.adminToken, 'GET', '/api/state')).body;
    expect(snapshot.advice?.find((a) => a.incidentId === incident.id)).toMatchObject({ bestUnitId: near.id, wouldBreach: false });

    // Once the car is on scene the prediction is moot: it leaves the picture (on every instance, from the event itself).
    expect((await api(t.app, t.adminToken, 'POST', `/api/incidents/${incident.id}/dispatch`, { unitIds: [near.id] })).status).toBe(200);
    await t.app.core.settle();
    expect(t.app.core.picture.advice.get(incident.id)?.bestUnitId).toBe(near.id);
    expect((await api(t.app, t.adminToken, 'POST', `/api/incidents/${incident.id}/units/${near.id}/status`, { status: 'en_route' })).status).toBe(200);
    await t.app.core.settle();
    expect(t.app.core.picture.advice.get(incident.id)?.bestUnitId).toBe(near.id);
    expect((await api(t.app, t.adminToken, 'POST', `/api/incidents/${incident.id}/units/${near.id}/status`, { status: 'on_scene' })).status).toBe(200);
    await t.app.core.settle();
    expect(t.app.core.picture.advice.has(incident.id)).toBe(false);
    expect((await api<Snapshot>(t.app, t.adminToken, 'GET', '/api/state')).body.advice?.some((a) => a.incidentId === incident.id)).toBe(false);
    expect(screen.gaps).toBe(0);
    expect(screen.duplicates).toBe(0);
    screen.close();
  });

  it('judges the breach against the incident age and its priority target', async () => {
    const site = nearestNode(graph, DEMO_CENTER.lat + 0.01, DEMO_CENTER.lon - 0.01);
    await placeUnit(t.app, t.adminToken, 'ADV-BIKE', nodeAtDistance(graph, site, 800), { mode: 'bike' });
    // P4 allows half an hour: a bike a few minutes away is in time.
    const relaxed = await openIncident(site, 'P4');
    await t.app.core.settle();
    const advice = t.app.core.picture.advice.get(relaxed.id)!;
    expect(advice.bestEtaSeconds!).toBeLessThan(900);
    expect(advice.wouldBreach).toBe(false);
    // Twenty-nine minutes on with nothing reported, the beat alone (no event) flips it.
    await t.app.core.advice.tick(Date.now() + 29 * 60_000);
    await t.app.core.settle();
    expect(t.app.core.picture.advice.get(relaxed.id)!.wouldBreach).toBe(true);
  });

  it('gives no advice for an incident off the road map', async () => {
    const outside = await openIncident({ lat: DEMO_CENTER.lat + 0.3, lon: DEMO_CENTER.lon + 0.3 });
    await t.app.core.settle();
    await t.app.core.advice.tick();
    await t.app.core.settle();
    expect(t.app.core.picture.advice.has(outside.id)).toBe(false);
  });

  it('lets one instance publish: a lease held by one is refused to another until released or expired', async () => {
    const a = new PublisherLease(t.app.core.db, 'publisher:test', 1);
    const b = new PublisherLease(t.app.core.db, 'publisher:test', 1);
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    expect(await a.acquire()).toBe(true);
    await a.release();
    expect(await b.acquire()).toBe(true);
    expect(await a.acquire()).toBe(false);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await a.acquire()).toBe(true);
  });
});
