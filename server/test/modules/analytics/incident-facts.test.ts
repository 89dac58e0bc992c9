import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrivalTargetSeconds, PRIORITIES, type Incident } from '@lianfang/shared';
import type { Queryable } from '../../../src/db/database.js';
import { syncFactsTimeZone } from '../../../src/modules/analytics/facts-time-zone.js';
import { createGateway, createUnit, postAlert } from '../../helpers/fixtures.js';
import { api, type TestApp } from '../../helpers/test-app.js';
import { startOn } from './analytics-client.js';

/**
 * incident_facts (migration 012) is written by triggers in the transaction of
 * every change. Whatever path changed an incident or its assignments, the stored
 * rows must equal what the one definition (the views incident_facts_source and
 * assignment_facts_source) gives now.
 */
async function drift(db: Queryable): Promise<unknown[]> {
  // the view's columns: the table also has its change mark (migration 015), which the view cannot know
  const differences = async (table: string) => {
    const columns = (
      await db.query<{ c: string }>(
        `SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS c FROM information_schema.columns WHERE table_name = $1`,
        [`${table}_source`],
      )
    )[0]!.c;
    return db.query(
      `(SELECT 'stale' AS kind, ${columns} FROM ${table} EXCEPT SELECT 'stale', ${columns} FROM ${table}_source)
       UNION ALL
       (SELECT 'missing', ${columns} FROM ${table}_source EXCEPT SELECT 'missing', ${columns} FROM ${table})`,
    );
  };
  return [...(await differences('incident_facts')), ...(await differences('assignment_facts'))];
}

const facts = async (db: Queryable, id: string) => (await db.query<Record<string, unknown>>('SELECT * FROM incident_facts WHERE incident_id = $1', [id]))[0];

describe.each(['pglite', 'postgres'] as const)('incident facts follow every change (%s)', (driver) => {
  let t: TestApp;
  let db: Queryable;
  let gatewayKey: string;
  let u1: string;
  let u2: string;

  beforeAll(async () => {
    t = await startOn(driver);
    db = t.app.core.db;
    u1 = (await createUnit(t.app, t.adminToken, 'F-1', 'facts-1', { force: 'police' })).id;
    u2 = (await createUnit(t.app, t.adminToken, 'F-2', 'facts-2', { force: 'medical' })).id;
    gatewayKey = (await createGateway(t.app, t.adminToken, 'facts gw', { lat: 30.26, lon: 120.17 })).key;
  });
  afterAll(async () => t?.close());

  it('the live alert path (lf_open_alert_incident) and the command path keep the row equal to its definition', async () => {
    const alert = await postAlert(t.app, gatewayKey, { kind: 'crime' });
    expect(alert.status).toBe(202);
    const id = alert.body.incidentId as string;
    expect(await facts(db, id)).toMatchObject({ status: 'reported', received: true, lead_unit_id: null, processing_s: null, response_s: null });
    // a second press joins the incident (alert_count, updated_at): the facts do not change and stay equal
    expect((await postAlert(t.app, gatewayKey, { kind: 'crime' })).body.incidentId).toBe(id);

    await api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/dispatch`, { unitIds: [u1, u2] });
    const dispatched = await facts(db, id);
    expect(dispatched).toMatchObject({ status: 'dispatched' });
    expect(dispatched?.processing_s).toEqual(expect.any(Number));
    expect([u1, u2]).toContain(dispatched?.lead_unit_id);
    await api(t.app, t.adminToken, 'POST', `/api/incidents/${id}/units/${u2}/status`, { status: 'acknowledged' });
    await api(t.app, t.adminToken, 'POST', `/api/incidents/${id}/units/${u2}/status`, { status: 'en_route' });
    await api(t.app, t.adminToken, 'POST', `/api/incidents/${id}/units/${u2}/status`, { status: 'on_scene' });
    // u2 arrived first: it leads, whichever was dispatched first
    expect(await facts(db, id)).toMatchObject({ status: 'on_scene', lead_unit_id: u2 });
    await api(t.app, t.adminToken, 'POST', `/api/incidents/${id}/resolve`, { outcome: 'mediated' });
    await api(t.app, t.adminToken, 'POST', `/api/incidents/${id}/close`, { rating: 4 });
    expect(await facts(db, id)).toMatchObject({ status: 'closed', outcome: 'mediated', rating: 4, received: true });
    const assignments = await db.query<{ unit_id: string; arrived: boolean; first_on_scene: boolean }>(
      'SELECT unit_id, arrived, first_on_scene FROM assignment_facts WHERE incident_id = $1 ORDER BY unit_id = $2 DESC',
      [id, u2],
    );
    expect(assignments.map((a) => [a.unit_id, a.arrived, a.first_on_scene])).toEqual([
      [u2, true, true],
      [u1, false, false],
    ]);

    const cancelled = (await postAlert(t.app, gatewayKey, { kind: 'other', idempotencyKey: 'facts-cancel' })).body.incidentId as string;
    await api(t.app, t.adminToken, 'POST', `/api/incidents/${cancelled}/dispatch`, { unitIds: [u1] });
    await db.query(`UPDATE incidents SET status = 'cancelled', closed_at = now() WHERE id = $1`, [cancelled]);
    expect(await facts(db, cancelled)).toMatchObject({ status: 'cancelled', received: false });
    // the incident's change reaches its assignments' copy of the filters
    expect((await db.query<{ received: boolean }>('SELECT received FROM assignment_facts WHERE incident_id = $1', [cancelled])).map((a) => a.received)).toEqual(
      [false],
    );
    expect(await drift(db)).toEqual([]);
  });

  it('assignments: insert, update and delete move the lead unit; an incident moved to another grid or priority follows', async () => {
    // a gateway of its own: the one above still has its (SQL-cancelled) incident open in the live picture
    const key = (await createGateway(t.app, t.adminToken, 'facts gw 2', { lat: 30.27, lon: 120.18 })).key;
    const id = (await postAlert(t.app, key, { kind: 'other', idempotencyKey: 'facts-lead' })).body.incidentId as string;
    const [{ created }] = (await db.query<{ created: string }>('SELECT created_at::text AS created FROM incidents WHERE id = $1', [id])) as [
      { created: string },
    ];
    await db.query(`INSERT INTO incident_units (incident_id, unit_id, dispatched_at, status) VALUES ($1, $2, $3::timestamptz + interval '5 s', 'dispatched')`, [
      id,
      u1,
      created,
    ]);
    expect((await facts(db, id))?.lead_unit_id).toBe(u1);
    await db.query(
      `INSERT INTO incident_units (incident_id, unit_id, dispatched_at, on_scene_at, status) VALUES ($1, $2, $3::timestamptz + interval '9 s', $3::timestamptz + interval '60 s', 'on_scene')`,
      [id, u2, created],
    );
    expect((await facts(db, id))?.lead_unit_id).toBe(u2);
    await db.query(`UPDATE incident_units SET status = 'declined' WHERE incident_id = $1 AND unit_id = $2`, [id, u1]);
    await db.query('DELETE FROM incident_units WHERE incident_id = $1 AND unit_id = $2', [id, u2]);
    // only a declined unit is left: the probe's rule (declined last, but still the lead when alone)
    expect((await facts(db, id))?.lead_unit_id).toBe(u1);
    await db.query(`UPDATE incidents SET priority = 'P4', category = 'traffic' WHERE id = $1`, [id]);
    expect(await facts(db, id)).toMatchObject({ priority: 'P4', category: 'traffic' });
    expect(await drift(db)).toEqual([]);
  });

  it('phases are whole seconds rounded up, and "within target" is the exact rule for every priority (DEFAULT_TARGETS)', async () => {
    const base = Date.parse('2024-05-06T02:00:00Z');
    let n = 0;
    for (const priority of PRIORITIES) {
      const target = arrivalTargetSeconds(priority);
      for (const [arrival, within] of [
        [target, true],
        [target + 0.001, false],
        [target - 0.5, true],
      ] as const) {
        const id = `facts-${priority}-${n++}`;
        const created = new Date(base + n * 60_000);
        await db.query(
          `INSERT INTO incidents (id, status, category, priority, source, title, lat, lon, created_at, updated_at, dispatched_at, on_scene_at)
           VALUES ($1, 'on_scene', 'other', $2, 'manual', $1, 30.2, 120.1, $3, $3, $4, $5)`,
          [id, priority, created.toISOString(), new Date(created.getTime() + 10_250).toISOString(), new Date(created.getTime() + arrival * 1000).toISOString()],
        );
        expect(await facts(db, id)).toMatchObject({ processing_s: 11, response_s: Math.ceil(arrival), within_target: within });
      }
    }
  });

  it('local keys are in TIME_ZONE, and a new zone rebuilds them', async () => {
    // 23:30 UTC on Sunday 2024-06-02 is 07:30 on Monday 06-03 in Shanghai
    await db.query(`INSERT INTO incidents (id, status, category, priority, source, title, lat, lon, created_at, updated_at)
                    VALUES ('facts-tz', 'reported', 'other', 'P3', 'manual', 'tz', 30.2, 120.1, '2024-06-02T23:30:00Z', '2024-06-02T23:30:00Z')`);
    const local = (r: Record<string, unknown> | undefined) => [String(r?.local_day).slice(0, 10), r?.local_hour, r?.local_isodow];
    const day = async () =>
      (
        await db.query<{ d: string; w: string; m: string }>(
          `SELECT local_day::text AS d, local_week::text AS w, local_month::text AS m FROM incident_facts WHERE incident_id = 'facts-tz'`,
        )
      )[0];
    expect(await day()).toEqual({ d: '2024-06-03', w: '2024-06-03', m: '2024-06-01' });
    expect(local(await facts(db, 'facts-tz')).slice(1)).toEqual([7, 1]);
    expect(await syncFactsTimeZone(t.app.core.db, 'UTC')).toBe(true);
    expect(await day()).toEqual({ d: '2024-06-02', w: '2024-05-27', m: '2024-06-01' });
    expect(local(await facts(db, 'facts-tz')).slice(1)).toEqual([23, 7]);
    expect(await syncFactsTimeZone(t.app.core.db, 'Asia/Shanghai')).toBe(true);
    expect(await syncFactsTimeZone(t.app.core.db, 'Asia/Shanghai')).toBe(false);
    expect(await day()).toEqual({ d: '2024-06-03', w: '2024-06-03', m: '2024-06-01' });
    expect(await drift(db)).toEqual([]);
    // an incident nothing refers to can be deleted: its facts go with it
    await db.query(`DELETE FROM incidents WHERE id = 'facts-tz'`);
    expect(await facts(db, 'facts-tz')).toBeUndefined();
    expect(await drift(db)).toEqual([]);
  });
});
