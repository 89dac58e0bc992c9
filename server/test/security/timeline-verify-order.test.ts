import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineReport } from '@lianfang/shared';
import { createGateway, postAlert } from '../helpers/fixtures.js';
import { api, startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Issue #14 finding 5: the verifier walked rows in text order of their id, so once ids
 * crossed a digit boundary ("10" before "9") an untouched timeline was reported broken.
 */
describe('the timeline verifier walks each chain in numeric id order', () => {
  let t: TestApp;
  let incidentId = '';
  let ids: number[] = [];
  const verify = async () => (await api<TimelineReport>(t.app, t.adminToken, 'GET', `/api/admin/timelines/verify?incidentId=${incidentId}`)).body;

  beforeAll(async () => {
    t = await startTestApp();
    const gw = await createGateway(t.app, t.adminToken, 'order-gw', { lat: 31.23, lon: 121.47 });
    incidentId = (await postAlert(t.app, gw.key, { kind: 'fire' })).body.incidentId as string;
    // Each press from the same gateway within the dedupe window joins the open incident: one timeline row each.
    for (let i = 0; i < 12; i++) expect((await postAlert(t.app, gw.key, { kind: 'fire', note: `press ${i}` })).body.incidentId).toBe(incidentId);
    ids = (await t.app.core.db.query<{ id: string }>('SELECT id::text AS id FROM incident_events WHERE incident_id = $1 ORDER BY id', [incidentId])).map((r) =>
      Number(r.id),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports an untouched incident with 13 events, ids across a digit boundary, as intact', async () => {
    expect(ids.length).toBeGreaterThanOrEqual(13);
    expect(ids.some((id) => id < 10) && ids.some((id) => id >= 10)).toBe(true);
    expect(await verify()).toMatchObject({ ok: true, rows: ids.length, broken: [] });
  });

  it('still finds an edited row past the digit boundary, at that row', async () => {
    const edited = ids.find((id) => id >= 11)!;
    await t.app.core.db.tx(async (q) => {
      await q.query('ALTER TABLE incident_events DISABLE TRIGGER incident_events_append_only');
      await q.query("UPDATE incident_events SET actor = 'user:nobody' WHERE id = $1", [edited]);
      await q.query('ALTER TABLE incident_events ENABLE TRIGGER incident_events_append_only');
    });
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({ incidentId, eventId: edited, reason: 'row_changed' });
  });
});
