import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '@lianfang/shared';
import { DEMO_CAPTAIN, seedDemo } from '../../src/demo/demo-seed.js';
import { DEFAULT_LOOP_SETTINGS, DemoLoop, type DemoLoopSettings } from '../../src/demo/demo-loop.js';
import { PatrolSimulator } from '../../src/demo/patrol-simulator.js';
import { getIncident } from '../../src/modules/incidents/incident-repository.js';
import { api, startTestApp, type TestApp } from '../helpers/test-app.js';

/** Every demo unit except the captain's (the person on the demo tablet), on the road network. */
async function buildLoop(t: TestApp, overrides: Partial<DemoLoopSettings>) {
  const core = t.app.core;
  const graph = (await core.roads()).graph;
  const patrols = new PatrolSimulator(graph, t.url);
  const trackerOf = new Map([...core.picture.unitByTracker].map(([trackerId, unitId]) => [unitId, trackerId]));
  const units = [...core.picture.units.values()].filter((u) => trackerOf.has(u.id));
  units.forEach((u, i) => patrols.addUnit(trackerOf.get(u.id)!, u.mode, core.picture.stations[i % core.picture.stations.length]!));
  const crews = new Map(units.filter((u) => u.id !== DEMO_CAPTAIN.unitId).map((u) => [u.id, trackerOf.get(u.id)!]));
  const settings: DemoLoopSettings = {
    ...DEFAULT_LOOP_SETTINGS,
    missAckShare: 0,
    lateShare: 0,
    falseAlarmShare: 0,
    escalateShare: 0,
    whistleShare: 0,
    workMinutes: [2, 2],
    callEverySeconds: 0,
    maxOpen: 8,
    emergencyFactor: 1.3,
    ...overrides,
  };
  return { loop: new DemoLoop({ ...core, graph, patrols, crews }, settings), settings };
}

/** Beats of `stepMs` on the demo's clock until `done` says so (or the cap): no waiting on the real clock. */
async function runUntil(t: TestApp, loop: DemoLoop, clock: { now: number }, done: () => Promise<boolean>, stepMs = 3000, cap = 400): Promise<void> {
  for (let i = 0; i < cap; i++) {
    clock.now += stepMs;
    await loop.step(clock.now);
    await t.app.core.settle();
    if (await done()) return;
  }
  throw new Error('the demo did not get there within the cap');
}

const timeline = (t: TestApp, id: string) =>
  t.app.core.db.query<{ kind: string; actor: string; data: { unitId?: string } }>(
    'SELECT kind, actor, data FROM incident_events WHERE incident_id = $1 ORDER BY id',
    [id],
  );

describe('the living demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The acknowledgement watcher is driven by hand below; its own beat would race the demo's clock.
    t = await startTestApp({ config: { ACK_TIMEOUT_SECONDS: 3600 } });
    await seedDemo(t.app);
  }, 60_000);
  afterAll(() => t?.close());

  it('carries a call through the whole loop: dispatched → acknowledged → en route → on scene → resolved → closed', async () => {
    const { loop } = await buildLoop(t, {});
    const clock = { now: Date.now() };
    await loop.step(clock.now); // first fixes: every unit has a position to be ranked by
    await t.app.core.settle();
    const opened = (await loop.calls.open())!;
    expect(opened).toMatchObject({ status: 'reported', source: 'call' });
    const seen = new Set<Incident['status']>();
    await runUntil(t, loop, clock, async () => {
      const now = (await getIncident(t.app.core.db, opened.id))!;
      seen.add(now.status);
      return now.status === 'closed';
    });
    expect([...seen]).toEqual(expect.arrayContaining(['dispatched', 'acknowledged', 'en_route', 'on_scene', 'resolved', 'closed']));

    const entries = await timeline(t, opened.id);
    const kinds = entries.map((e) => e.kind);
    expect(kinds).toEqual(['created', 'unit_dispatched', 'unit_acknowledged', 'unit_en_route', 'unit_on_scene', 'resolved', 'closed']);
    const by = Object.fromEntries(entries.map((e) => [e.kind, e.actor]));
    expect(by).toMatchObject({
      created: 'demo:operator',
      unit_dispatched: 'demo:operator',
      unit_acknowledged: 'demo:crew',
      unit_en_route: 'demo:crew',
      resolved: 'demo:crew',
      closed: 'demo:operator',
    });
    // arrival by the geofence from the fixes the crew's phone sent, or by the crew's own report
    expect(['system:geofence', 'demo:crew']).toContain(by.unit_on_scene);

    const done = (await getIncident(t.app.core.db, opened.id))!;
    expect(done.evaluation?.rating).toBeGreaterThanOrEqual(1);
    expect(done.assignments).toHaveLength(1);
    const unit = done.assignments[0]!;
    expect(unit.status).toBe('cleared');
    expect(unit.unitId).not.toBe(DEMO_CAPTAIN.unitId);
    // The unit stood at the scene when it arrived: its position then was within the geofence's reach.
    expect(Date.parse(unit.onSceneAt!)).toBeGreaterThan(Date.parse(unit.enRouteAt!));
    // and it is free again for the next call
    expect(t.app.core.picture.units.get(unit.unitId)?.status).toBe('available');
  }, 240_000);

  it('sends the replacement when a crew stays silent past the acknowledgement timeout', async () => {
    const { loop, settings } = await buildLoop(t, { missAckShare: 1 });
    const clock = { now: Date.now() };
    await loop.step(clock.now);
    await t.app.core.settle();
    const opened = (await loop.calls.open())!;
    await runUntil(t, loop, clock, async () => (await getIncident(t.app.core.db, opened.id))!.assignments.length > 0);
    const [silent] = (await getIncident(t.app.core.db, opened.id))!.assignments;
    expect(silent!.status).toBe('dispatched');
    // From now on crews answer; the silent one keeps quiet (its mind is made up per assignment).
    settings.missAckShare = 0;
    await t.app.core.ackTimeouts.check(Date.now() + 3_700_000);
    await t.app.core.settle();
    await runUntil(t, loop, clock, async () => {
      const i = (await getIncident(t.app.core.db, opened.id))!;
      return i.assignments.some((a) => a.unitId !== silent!.unitId && a.status === 'acknowledged');
    });
    const entries = await timeline(t, opened.id);
    expect(entries.map((e) => e.kind)).toEqual(expect.arrayContaining(['ack_timeout', 'unit_acknowledged']));
    const dispatched = entries.filter((e) => e.kind === 'unit_dispatched');
    expect(dispatched).toHaveLength(2);
    expect(dispatched.every((e) => e.actor === 'demo:operator')).toBe(true);
    expect(entries.find((e) => e.kind === 'unit_acknowledged')!.data.unitId).toBe(dispatched[1]!.data.unitId);
  }, 240_000);

  it("leaves a person's case to the person: the crew answers the dispatch, the desk never resolves it", async () => {
    const { loop } = await buildLoop(t, { workMinutes: [1, 1] });
    const clock = { now: Date.now() };
    await loop.step(clock.now);
    await t.app.core.settle();
    const unit = [...t.app.core.picture.units.values()].find(
      (u) => u.id.startsWith('demo-police-car') && u.id !== DEMO_CAPTAIN.unitId && u.status === 'available',
    )!;
    const created = await api<Incident>(t.app, t.adminToken, 'POST', '/api/incidents', {
      category: 'dispute',
      priority: 'P3',
      title: '人工录入的纠纷',
      lat: unit.position!.lat,
      lon: unit.position!.lon,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    // Nobody at the desk has sent anyone yet: the demo does not step in.
    const waited = clock.now + 120_000;
    await runUntil(t, loop, clock, async () => clock.now > waited, 5000);
    expect((await getIncident(t.app.core.db, id))!.status).toBe('reported');
    expect((await api(t.app, t.adminToken, 'POST', `/api/incidents/${id}/dispatch`, { unitIds: [unit.id] })).status).toBe(200);
    await runUntil(t, loop, clock, async () => (await getIncident(t.app.core.db, id))!.status === 'on_scene');
    // Well past the demo's work time on scene: still the operator's to resolve.
    const until = clock.now + 5 * 60_000;
    await runUntil(t, loop, clock, async () => clock.now > until, 10_000);
    expect((await getIncident(t.app.core.db, id))!.status).toBe('on_scene');
    const actors = new Set((await timeline(t, id)).map((e) => e.actor));
    expect(actors.has('demo:operator')).toBe(false);
    expect(actors.has('demo:crew') || actors.has('system:geofence')).toBe(true);
  }, 240_000);

  it("after a restart, evaluates the live cases its crews had resolved, and leaves a person's case as it is", async () => {
    const core = t.app.core;
    const where = { lat: core.picture.stations[0]!.lat, lon: core.picture.stations[0]!.lon };
    const open = (title: string) => core.lifecycle.create({ category: 'assistance', priority: 'P4', title, ...where, source: 'call' }, 'demo:operator');
    const demoCase = await open('钥匙锁在屋内');
    await core.lifecycle.resolve(demoCase.id, { outcome: 'solved_on_site' }, 'demo:crew');
    const personCase = await open('群众求助指路');
    await core.lifecycle.resolve(personCase.id, { outcome: 'solved_on_site' }, 'user:admin');
    // the "restart": a new loop, knowing nothing of what the last one did
    const { loop } = await buildLoop(t, {});
    const clock = { now: Date.now() };
    await runUntil(t, loop, clock, async () => (await getIncident(core.db, demoCase.id))!.status === 'closed', 10_000);
    const closed = (await timeline(t, demoCase.id)).find((e) => e.kind === 'closed');
    expect(closed?.actor).toBe('demo:operator');
    expect((await getIncident(core.db, personCase.id))!.status).toBe('resolved');
  }, 240_000);
});
