import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '@lianfang/shared';
import { createUnit } from '../../helpers/fixtures.js';
import { api, startTestApp, type TestApp } from '../../helpers/test-app.js';

const SITE = { lat: 30.2605, lon: 120.1705 };
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/**
 * The operator runs the loop for a unit that only has a radio: every step from the desk with
 * the time told on the radio, then resolve, then the evaluation that closes it and counts.
 */
describe('the loop from the desk', () => {
  let t: TestApp;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp();
    unitId = (await createUnit(t.app, t.adminToken, 'R-1', 'radio-1', { force: 'volunteer', mode: 'foot' })).id;
  });
  afterAll(async () => t?.close());

  const open = async (title: string) =>
    (await api<Incident>(t.app, t.adminToken, 'POST', '/api/incidents', { category: 'dispute', priority: 'P3', title, ...SITE })).body.id;
  const step = (id: string, status: string, at?: string) =>
    api<Incident & { field?: string }>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/units/${unitId}/status`, { status, ...(at ? { at } : {}) });

  it('keeps the times told on the radio, never before the dispatch', async () => {
    const id = await open('neighbours quarrelling over parking');
    const dispatched = await api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/dispatch`, { unitIds: [unitId] });
    const dispatchedAt = Date.parse(dispatched.body.assignments[0]!.dispatchedAt);
    // "acknowledged 2 minutes ago" although dispatched seconds ago: it cannot precede the dispatch
    const acked = await step(id, 'acknowledged', ago(120_000));
    expect(Date.parse(acked.body.assignments[0]!.acknowledgedAt!)).toBe(dispatchedAt);
    // Told late on the radio: after the acknowledgement (= the dispatch here), before now — whatever the machine's speed.
    const late = new Date(Math.floor((dispatchedAt + Date.now()) / 2)).toISOString();
    const enRoute = await step(id, 'en_route', late);
    expect(enRoute.body.assignments[0]!.enRouteAt).toBe(late);
    const onScene = await step(id, 'on_scene');
    expect(onScene.body).toMatchObject({ status: 'on_scene', assignments: [{ status: 'on_scene' }] });
    expect(await step(id, 'acknowledged')).toMatchObject({ status: 409, body: { field: 'status' } });
    expect((await step(id, 'teleported')).status).toBe(400);
  });

  it('resolves with outcome and settled level, is listed to evaluate, and closing with a rating counts in the closure rate', async () => {
    const id = await open('noise at night');
    const before = (
      await api<{ rates: { closureRate: number | null } }>(t.app, t.adminToken, 'GET', `/api/stats/loop?from=${ago(3_600_000)}&to=${ago(-60_000)}`)
    ).body.rates;
    expect(before.closureRate).toBe(0);

    const resolved = await api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/resolve`, {
      outcome: 'mediated',
      settledLevel: 'grid',
      note: 'agreed quiet hours',
    });
    expect(resolved.body.resolution).toEqual({ outcome: 'mediated', settledLevel: 'grid', note: 'agreed quiet hours' });
    const waiting = await api<Incident[]>(t.app, t.adminToken, 'GET', '/api/incidents/awaiting-evaluation');
    expect(waiting.body.map((i) => i.id)).toContain(id);

    const badRating = await api<{ field: string }>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/close`, { rating: 6 });
    expect(badRating).toMatchObject({ status: 400, body: { field: expect.stringMatching(/rating/) } });
    const closed = await api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/close`, { rating: 4, feedback: 'came quickly' });
    expect(closed.body).toMatchObject({ status: 'closed', evaluation: { rating: 4, feedback: 'came quickly' } });
    expect((await api<Incident[]>(t.app, t.adminToken, 'GET', '/api/incidents/awaiting-evaluation')).body.map((i) => i.id)).not.toContain(id);

    // two incidents received in the window (the first is still open), one closed: 50 %
    const after = (
      await api<{ rates: { closureRate: number | null } }>(t.app, t.adminToken, 'GET', `/api/stats/loop?from=${ago(3_600_000)}&to=${ago(-60_000)}`)
    ).body.rates;
    expect(after.closureRate).toBe(0.5);
  });

  it('cancels or marks a false alarm with the reason on the record; those are not received work', async () => {
    const id = await open('caller hung up');
    const cancelled = await api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/cancel`, {
      as: 'false_alarm',
      note: 'child playing with the phone',
    });
    expect(cancelled.body).toMatchObject({ status: 'false_alarm', resolution: { outcome: 'false_alarm', note: 'child playing with the phone' } });
    const bad = await api<{ field: string }>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/cancel`, { as: 'withdrawn' });
    expect(bad).toMatchObject({ status: 400, body: { field: expect.stringMatching(/as/) } });
  });
});
