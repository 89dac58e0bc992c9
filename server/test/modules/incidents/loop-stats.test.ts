import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '@lianfang/shared';
import { api, startTestApp, type TestApp } from '../../helpers/test-app.js';

/** A known set of cases, figures computed by hand. */
describe('closed-loop statistics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const open = async (category: string) =>
      (await api<Incident>(t.app, t.adminToken, 'POST', '/api/incidents', { category, priority: 'P3', title: category, lat: 30.26, lon: 120.17 })).body.id;
    const resolve = (id: string, outcome: string, settledLevel: string) =>
      api(t.app, t.adminToken, 'POST', `/api/incidents/${id}/resolve`, { outcome, settledLevel });
    // 3 disputes: 2 mediated at grid (one closed), 1 referred at community.
    const d1 = await open('dispute');
    await resolve(d1, 'mediated', 'grid');
    await api(t.app, t.adminToken, 'POST', `/api/incidents/${d1}/close`, { rating: 4 });
    const d2 = await open('dispute');
    await resolve(d2, 'mediated', 'grid');
    const d3 = await open('dispute');
    await resolve(d3, 'referred', 'community');
    // 1 traffic solved at street, closed; 1 still open; 1 false alarm (a received case, concluded);
    // 1 cancelled (withdrawn: not a case at all).
    const r1 = await open('traffic');
    await resolve(r1, 'solved_on_site', 'street');
    await api(t.app, t.adminToken, 'POST', `/api/incidents/${r1}/close`, { rating: 5 });
    await open('public_order');
    const f1 = await open('other');
    await api(t.app, t.adminToken, 'POST', `/api/incidents/${f1}/cancel`, { as: 'false_alarm' });
    const c1 = await open('other');
    await api(t.app, t.adminToken, 'POST', `/api/incidents/${c1}/cancel`, { as: 'cancelled' });
  });
  afterAll(async () => t?.close());

  it('counts and divides as specified', async () => {
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const res = await api<{ counts: Record<string, number>; rates: Record<string, unknown> }>(
      t.app,
      t.adminToken,
      'GET',
      `/api/stats/loop?from=${from}&to=${to}`,
    );
    expect(res.body.counts).toEqual({
      received: 6,
      concluded: 5,
      resolved: 4,
      evaluated: 2,
      falseAlarms: 1,
      settledGrid: 2,
      settledCommunity: 1,
      settledStreet: 1,
      settledDepartment: 0,
      disputesReceived: 3,
      disputesConcluded: 3,
      disputesMediated: 2,
    });
    expect(res.body.rates).toEqual({
      closureRate: 5 / 6,
      openShare: 1 / 6,
      evaluatedShare: 2 / 4,
      falseAlarmShare: 1 / 6,
      settledShare: { grid: 0.5, community: 0.25, street: 0.25, department: 0 },
      mediationSuccessRate: 2 / 3,
    });
  });

  it('gives nulls for an empty period and 400 for a reversed one', async () => {
    const empty = await api<{ rates: object }>(t.app, t.adminToken, 'GET', '/api/stats/loop?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z');
    expect(empty.body.rates).toEqual({
      closureRate: null,
      openShare: null,
      evaluatedShare: null,
      falseAlarmShare: null,
      settledShare: null,
      mediationSuccessRate: null,
    });
    expect((await api<{ field: string }>(t.app, t.adminToken, 'GET', '/api/stats/loop?from=2020-01-02T00:00:00Z&to=2020-01-01T00:00:00Z')).body.field).toBe(
      'to',
    );
  });
});
