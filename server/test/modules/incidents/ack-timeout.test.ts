import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '@lianfang/shared';
import { createUnit, postFix } from '../../helpers/fixtures.js';
import { api, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { DEMO_CENTER } from '../../../src/modules/roads/road-network.js';

/** A unit that does not acknowledge: the next best is offered, or sent when auto-redispatch is on. */
describe.each([false, true])('ack timeout (auto-redispatch %s)', (auto) => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp({ config: { AUTO_REDISPATCH: auto, ACK_TIMEOUT_SECONDS: 60 } });
    const now = Math.floor(Date.now() / 1000);
    for (const [callsign, force, offset] of [
      ['silent', 'police', 0.001],
      ['near', 'police', 0.003],
      ['far', 'police', 0.012],
      ['medic', 'medical', 0.0015],
      ['engine', 'fire', 0.0012],
    ] as const) {
      ids[callsign] = (await createUnit(t.app, t.adminToken, `${callsign}-${auto}`, `ack-${callsign}`, { force, mode: 'car' })).id;
      await postFix(t.app, `ack-${callsign}`, DEMO_CENTER.lat + offset, DEMO_CENTER.lon, now);
    }
    await t.app.core.settle();
  });
  afterAll(async () => t?.close());

  it('after the limit, offers the nearest available unit of the same force, once', async () => {
    const incident = (
      await api<Incident>(t.app, t.adminToken, 'POST', '/api/incidents', {
        category: 'criminal',
        priority: 'P1',
        title: 'fight',
        lat: DEMO_CENTER.lat,
        lon: DEMO_CENTER.lon,
      })
    ).body;
    await api(t.app, t.adminToken, 'POST', `/api/incidents/${incident.id}/dispatch`, { unitIds: [ids.silent] });
    const dispatchedAt = Date.parse(t.app.core.picture.incidents.get(incident.id)!.assignments[0]!.dispatchedAt);
    await t.app.core.ackTimeouts.check(dispatchedAt + 30_000);
    expect(t.app.core.picture.incidents.get(incident.id)!.assignments[0]!.ackTimeoutAt).toBeNull();
    await t.app.core.ackTimeouts.check(dispatchedAt + 61_000);
    await t.app.core.ackTimeouts.check(dispatchedAt + 62_000);
    const after = t.app.core.picture.incidents.get(incident.id)!;
    const silent = after.assignments.find((a) => a.unitId === ids.silent)!;
    // The medic is closer, but a police unit was asked for: the nearest police unit is the offer.
    expect(silent).toMatchObject({ status: 'dispatched', replacementUnitId: ids.near });
    expect(silent.ackTimeoutAt).not.toBeNull();
    const detail = await api<{ timeline: { kind: string; data: { unitId?: string } }[] }>(t.app, t.adminToken, 'GET', `/api/incidents/${incident.id}`);
    // Once for the silent unit, however many beats see it (a replacement has a clock of its own).
    expect(detail.body.timeline.filter((e) => e.kind === 'ack_timeout' && e.data.unitId === ids.silent)).toHaveLength(1);
    const sent = after.assignments.map((a) => a.unitId);
    expect(sent.includes(ids.near!)).toBe(auto);
  });

  it('keeps the capability: a silent unit with no part in a fight is replaced by police, never by the fire engine next door', async () => {
    const incident = (
      await api<Incident>(t.app, t.adminToken, 'POST', '/api/incidents', {
        category: 'public_order',
        priority: 'P1',
        title: 'brawl',
        lat: DEMO_CENTER.lat,
        lon: DEMO_CENTER.lon,
      })
    ).body;
    // The operator overrode the ranking and sent the medic (no part in a fight); the medic never answers.
    await api(t.app, t.adminToken, 'POST', `/api/incidents/${incident.id}/dispatch`, { unitIds: [ids.medic] });
    const dispatchedAt = Date.parse(t.app.core.picture.incidents.get(incident.id)!.assignments[0]!.dispatchedAt);
    await t.app.core.ackTimeouts.check(dispatchedAt + 61_000);
    const replacement = t.app.core.picture.incidents.get(incident.id)!.assignments.find((a) => a.unitId === ids.medic)!.replacementUnitId;
    expect(replacement).not.toBe(ids.engine);
    if (auto) {
      // With auto-redispatch the same beat also timed out the units sent automatically above, and
      // sent the last police unit for them: nobody capable is left, so nothing is offered.
      expect(replacement).toBeNull();
    } else {
      expect(t.app.core.picture.units.get(replacement!)!.force).toBe('police');
    }
  });
});
