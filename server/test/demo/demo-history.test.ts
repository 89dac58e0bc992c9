import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClosureRow, ResponseRow } from '@lianfang/shared';
import { seedDemo } from '../../src/demo/demo-seed.js';
import { writeDemoHistory, type DemoHistoryDeps } from '../../src/demo/demo-history.js';
import { api, startTestApp, type TestApp } from '../helpers/test-app.js';

const DAYS = 14;
const PER_DAY = 30;
const NOW = Date.parse('2026-11-20T10:00:00Z');

describe('the demo history', () => {
  let t: TestApp;
  let deps: DemoHistoryDeps;
  let first: { incidents: number; days: number; seconds: number };

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemo(t.app);
    const core = t.app.core;
    deps = { bus: core.bus, db: core.db, graph: (await core.roads()).graph, grids: core.picture.grids, units: [...core.picture.units.values()] };
    first = await writeDemoHistory(deps, { days: DAYS, perDay: PER_DAY, seed: 1, timeZone: 'Asia/Shanghai', nowMs: NOW });
  }, 120_000);
  afterAll(() => t?.close());

  it('writes every day, about the asked volume, all marked as demo data and inside the window', async () => {
    expect(first.days).toBe(DAYS);
    const [row] = await t.app.core.db.query<{ n: number; demo: number; first: Date; last: Date }>(
      'SELECT count(*)::int n, count(*) FILTER (WHERE demo)::int demo, min(created_at) first, max(created_at) last FROM incidents',
    );
    expect(row!.n).toBe(first.incidents);
    expect(row!.demo).toBe(row!.n);
    expect(row!.n).toBeGreaterThan(DAYS * PER_DAY * 0.75);
    expect(row!.n).toBeLessThan(DAYS * PER_DAY * 1.35);
    expect(row!.first.getTime()).toBeGreaterThanOrEqual(NOW - DAYS * 86_400_000);
    expect(row!.last.getTime()).toBeLessThan(NOW);
    // nothing of the past is still open, nothing happened after the end
    const [open] = await t.app.core.db.query<{ n: number }>(
      "SELECT count(*)::int n FROM incidents WHERE status IN ('reported','dispatched','acknowledged','en_route','on_scene') OR closed_at > $1 OR resolved_at > $1",
      [new Date(NOW).toISOString()],
    );
    expect(open!.n).toBe(0);
  });

  it('spreads over categories, priorities, hours, grids and units like a district', async () => {
    const q = <R extends object>(sql: string) => t.app.core.db.query<R>(sql);
    const share = async (column: string) =>
      new Map(
        (await q<{ k: string; s: number }>(`SELECT ${column}::text k, count(*)::float / sum(count(*)) OVER () s FROM incidents GROUP BY 1`)).map((r) => [
          r.k,
          r.s,
        ]),
      );
    const categories = await share('category');
    expect(categories.size).toBeGreaterThanOrEqual(8);
    expect(categories.get('dispute')).toBeGreaterThan(0.15);
    expect(categories.get('fire') ?? 0).toBeLessThan(0.08);
    const priorities = await share('priority');
    expect([...priorities.keys()].sort()).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(priorities.get('P3')).toBeGreaterThan(priorities.get('P1')!);
    // local hours: the evening is busier than the small hours
    const hours = new Map((await q<{ h: number; n: number }>('SELECT local_hour h, count(*)::int n FROM incident_facts GROUP BY 1')).map((r) => [r.h, r.n]));
    expect((hours.get(20) ?? 0) + (hours.get(21) ?? 0)).toBeGreaterThan(3 * ((hours.get(3) ?? 0) + (hours.get(4) ?? 0)));
    const [spread] = await q<{ grids: number; units: number }>(
      'SELECT (SELECT count(DISTINCT grid_id)::int FROM incidents) grids, (SELECT count(DISTINCT unit_id)::int FROM incident_units) units',
    );
    expect(spread!.grids).toBeGreaterThanOrEqual(14);
    expect(spread!.units).toBeGreaterThanOrEqual(35);
    // false alarms and cancellations exist but are few
    const statuses = await share('status');
    expect(statuses.get('false_alarm')).toBeGreaterThan(0);
    expect(statuses.get('false_alarm')).toBeLessThan(0.1);
  });

  it('writes the timeline of each incident as one valid chain, attributed to the demo', async () => {
    const [row] = await t.app.core.db.query<{ incidents: number; actors: string[] }>(
      'SELECT count(DISTINCT incident_id)::int incidents, array_agg(DISTINCT actor ORDER BY actor) actors FROM incident_events',
    );
    expect(row!.incidents).toBe(first.incidents);
    expect(row!.actors).toEqual(['demo:crew', 'demo:operator', 'system']);
    const verify = await api<{ ok: boolean; incidents: number }>(t.app, t.adminToken, 'GET', '/api/admin/timelines/verify');
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ ok: true, incidents: first.incidents });
  });

  it('is not written twice: a second run writes nothing', async () => {
    const again = await writeDemoHistory(deps, { days: DAYS, perDay: PER_DAY, seed: 1, timeZone: 'Asia/Shanghai', nowMs: NOW + 3_600_000 });
    expect(again).toMatchObject({ incidents: 0, days: 0 });
    const [row] = await t.app.core.db.query<{ n: number }>('SELECT count(*)::int n FROM incidents');
    expect(row!.n).toBe(first.incidents);
  });

  it('fills the dashboard: every past case concluded, most evaluated, response median within the five minutes, most arrivals on time', async () => {
    const window = `from=${encodeURIComponent(new Date(NOW - DAYS * 86_400_000).toISOString())}&to=${encodeURIComponent(new Date(NOW).toISOString())}`;
    const closure = await api<{ total: ClosureRow }>(t.app, t.adminToken, 'GET', `/api/analytics/closure?${window}`);
    expect(closure.status).toBe(200);
    expect(closure.body.total.received).toBeGreaterThan(DAYS * PER_DAY * 0.7);
    // the past holds concluded cases only (the history import takes no open case): 办结率 is 1; open ones are the live demo's
    expect(closure.body.total.closureRate).toBe(1);
    expect(closure.body.total.evaluatedShare).toBeGreaterThan(0.9);
    expect(closure.body.total.evaluatedShare).toBeLessThan(1);
    expect(closure.body.total.ratingMean).toBeGreaterThan(3.8);
    const response = await api<{ total: ResponseRow }>(t.app, t.adminToken, 'GET', `/api/analytics/response?${window}`);
    expect(response.status).toBe(200);
    const total = response.body.total;
    expect(total.responseP50).toBeGreaterThan(60);
    expect(total.responseP50).toBeLessThan(300);
    expect(total.withinTargetShare).toBeGreaterThan(0.8);
    expect(total.withinTargetShare).toBeLessThan(0.99);
    // the 5-minute promise is stricter than the P3/P4 targets
    expect(total.withinFiveShare).toBeGreaterThan(0.4);
    expect(total.withinFiveShare).toBeLessThan(total.withinTargetShare!);
  });
});
