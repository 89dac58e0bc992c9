import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '@lianfang/shared';
import { getIncident } from '../../../src/modules/incidents/incident-repository.js';
import { api, startTestApp, type TestApp } from '../../helpers/test-app.js';

const SITE = { lat: 30.2605, lon: 120.1705 };

/**
 * A summoned department that misses its deadline lifts the case once and the incident says so
 * (`escalatedAt` on the call-in); later checks of the watcher write nothing more. A new whistle
 * for that department starts its clock again.
 */
describe('an overdue call-in', () => {
  let t: TestApp;
  let id: string;

  /** Moves the department's deadline into the past in the database and lets the picture see it, as a restart would. */
  async function missDeadline(department: string, minutesAgo: number): Promise<void> {
    await t.app.core.db.query(
      `UPDATE call_ins SET summoned_at = now() - make_interval(mins => $3 + 10), deadline = now() - make_interval(mins => $3)
       WHERE incident_id = $1 AND department = $2`,
      [id, department, minutesAgo],
    );
    t.app.core.picture.incidents.set(id, (await getIncident(t.app.core.db, id))!);
  }
  const timeline = async () =>
    (await api<{ timeline: { kind: string; data: Record<string, unknown> }[] }>(t.app, t.adminToken, 'GET', `/api/incidents/${id}`)).body.timeline;

  beforeAll(async () => {
    t = await startTestApp();
    const created = await api<Incident>(t.app, t.adminToken, 'POST', '/api/incidents', {
      category: 'public_order',
      priority: 'P3',
      title: 'market stalls on the fire lane',
      ...SITE,
    });
    id = created.body.id;
    const whistled = await api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/whistle`, { departments: ['city_mgmt', 'housing'], minutes: 10 });
    expect(whistled.body.callIns.every((c) => c.escalatedAt === null && c.reportedBy === null)).toBe(true);
  });
  afterAll(async () => t?.close());

  it('escalates once, however often the watcher looks, and shows when', async () => {
    await missDeadline('housing', 1);
    await t.app.core.clocks.check();
    const first = t.app.core.picture.incidents.get(id)!;
    expect(first.level).toBe('department');
    const housing = first.callIns.find((c) => c.department === 'housing')!;
    expect(housing.escalatedAt).not.toBeNull();
    expect(housing.reportedAt).toBeNull();
    // City management is not late: untouched.
    expect(first.callIns.find((c) => c.department === 'city_mgmt')!.escalatedAt).toBeNull();

    // Minutes later, still not reported in: the watcher runs again (and again) and adds nothing.
    await missDeadline('housing', 5);
    await t.app.core.clocks.check();
    await t.app.core.clocks.check();
    const entries = await timeline();
    expect(entries.filter((e) => e.kind === 'call_in_overdue')).toEqual([expect.objectContaining({ data: { departments: ['housing'] } })]);
    expect(entries.filter((e) => e.kind === 'escalated')).toHaveLength(1);
    expect(t.app.core.picture.incidents.get(id)!.callIns.find((c) => c.department === 'housing')!.escalatedAt).toBe(housing.escalatedAt);
  });

  it('reports in late with who did it, and a new whistle starts the clock again', async () => {
    const reported = await api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/report-in`, { department: 'housing' });
    expect(reported.status).toBe(200);
    expect(reported.body.callIns.find((c) => c.department === 'housing')).toMatchObject({ reportedBy: 'user:admin', escalatedAt: expect.any(String) });

    const again = await api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/whistle`, { departments: ['housing'], minutes: 5 });
    expect(again.body.callIns.find((c) => c.department === 'housing')).toMatchObject({ reportedAt: null, reportedBy: null, escalatedAt: null });
    await missDeadline('housing', 1);
    await t.app.core.clocks.check();
    expect((await timeline()).filter((e) => e.kind === 'call_in_overdue')).toHaveLength(2);
  });

  it('a whistle and a report-in move updatedAt, so every open panel re-reads', async () => {
    const before = t.app.core.picture.incidents.get(id)!.updatedAt;
    const reported = await api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/report-in`, { department: 'city_mgmt' });
    expect(Date.parse(reported.body.updatedAt)).toBeGreaterThan(Date.parse(before));
  });
});
