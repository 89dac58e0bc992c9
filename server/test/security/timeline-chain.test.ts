import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineReport } from '@lianfang/shared';
import type { Database } from '../../src/db/database.js';
import { createGateway, createUnit, postAlert } from '../helpers/fixtures.js';
import { createTestDatabase } from '../helpers/test-services.js';
import { api, startTestApp, type TestApp } from '../helpers/test-app.js';
import { verifyTimelines } from '../../src/modules/audit/timeline-verifier.js';

/** As a superuser who switches the append-only trigger off for one statement: what an insider with the keys could do. */
async function tamper(db: Database, sql: string, params: unknown[] = []): Promise<void> {
  await db.tx(async (q) => {
    await q.query('ALTER TABLE incident_events DISABLE TRIGGER incident_events_append_only');
    await q.query(sql, params);
    await q.query('ALTER TABLE incident_events ENABLE TRIGGER incident_events_append_only');
  });
}

describe.each(['pglite', 'postgres'] as const)('incident timelines are append-only and hash-chained (%s)', (driver) => {
  let t: TestApp;
  let dropDb: (() => Promise<void>) | undefined;
  let incidentA = '';
  let incidentB = '';
  let rowsA: { id: number }[] = [];
  const verify = async (incidentId?: string) =>
    (await api<TimelineReport>(t.app, t.adminToken, 'GET', `/api/admin/timelines/verify${incidentId ? `?incidentId=${incidentId}` : ''}`)).body;

  beforeAll(async () => {
    if (driver === 'postgres') {
      const db = await createTestDatabase();
      dropDb = db.drop;
      t = await startTestApp({ databaseUrl: db.url });
    } else t = await startTestApp();
    const unit = await createUnit(t.app, t.adminToken, 'TL-1', 'tl-1');
    const gw = await createGateway(t.app, t.adminToken, 'tl-gw', { lat: 31.23, lon: 121.47 });
    const a = await postAlert(t.app, gw.key, { kind: 'fire', note: '火警 🚒 三楼' });
    await postAlert(t.app, gw.key, { kind: 'fire' });
    incidentA = a.body.incidentId as string;
    expect((await api(t.app, t.adminToken, 'POST', `/api/incidents/${incidentA}/dispatch`, { unitIds: [unit.id] })).status).toBe(200);
    expect((await api(t.app, t.adminToken, 'POST', `/api/incidents/${incidentA}/escalate`, { reason: 'crowd gathering' })).status).toBe(200);
    const gw2 = await createGateway(t.app, t.adminToken, 'tl-gw2', { lat: 31.24, lon: 121.48 });
    incidentB = (await postAlert(t.app, gw2.key, { kind: 'medical' })).body.incidentId as string;
    rowsA = await t.app.core.db.query<{ id: number }>('SELECT id FROM incident_events WHERE incident_id = $1 ORDER BY id', [incidentA]);
  });
  afterAll(async () => {
    await t?.close();
    await dropDb?.();
  });

  it('chains every row to the one before, and an intact chain verifies', async () => {
    expect(rowsA.length).toBeGreaterThanOrEqual(4);
    const chain = await t.app.core.db.query<{ prev_hash: string | null; hash: string }>(
      'SELECT prev_hash, hash FROM incident_events WHERE incident_id = $1 ORDER BY id',
      [incidentA],
    );
    expect(chain[0]!.prev_hash).toBeNull();
    for (let i = 1; i < chain.length; i++) expect(chain[i]!.prev_hash).toBe(chain[i - 1]!.hash);
    expect(new Set(chain.map((r) => r.hash)).size).toBe(chain.length);
    const report = await verify();
    expect(report).toMatchObject({ ok: true, incidents: 2, firstBroken: null, broken: [] });
    expect(report.rows).toBe(rowsA.length + 1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const id = rowsA[1]!.id;
    await expect(t.app.core.db.query("UPDATE incident_events SET actor = 'someone-else' WHERE id = $1", [id])).rejects.toThrow(/append-only/);
    await expect(t.app.core.db.query('DELETE FROM incident_events WHERE id = $1', [id])).rejects.toThrow(/append-only/);
    await expect(t.app.core.db.query('TRUNCATE incident_events')).rejects.toThrow(/append-only/);
    expect((await verify()).ok).toBe(true);
  });

  it('finds an edited row at that row, and leaves the other incident clean', async () => {
    const edited = rowsA[1]!.id;
    await tamper(t.app.core.db, "UPDATE incident_events SET actor = 'user:nobody' WHERE id = $1", [edited]);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({ incidentId: incidentA, eventId: edited, reason: 'row_changed' });
    expect(report.broken).toHaveLength(1);
    expect((await verify(incidentB)).ok).toBe(true);
  });

  it('finds a re-hashed edit at the next row, and a removed row at the row after it', async () => {
    const edited = rowsA[1]!.id;
    // The insider also recomputes the edited row's own hash: the next row's link no longer holds.
    await tamper(t.app.core.db, 'UPDATE incident_events SET hash = lf_incident_event_hash(prev_hash, id, incident_id, at, actor, kind, data) WHERE id = $1', [
      edited,
    ]);
    expect((await verify()).firstBroken).toEqual({ incidentId: incidentA, eventId: rowsA[2]!.id, reason: 'link_broken' });
    // Removing a row of the other incident breaks it at its successor.
    const rowsB = await t.app.core.db.query<{ id: number }>('SELECT id FROM incident_events WHERE incident_id = $1 ORDER BY id', [incidentB]);
    await createAndRemoveMiddle(t, incidentB, rowsB.length);
    const report = await verify();
    expect(report.broken.map((b) => b.incidentId).sort()).toEqual([incidentA, incidentB].sort());
    expect(report.broken.find((b) => b.incidentId === incidentB)?.reason).toBe('link_broken');
    expect(report.firstBroken?.incidentId).toBe(incidentA);
  });

  it('computes the same hash in the database and in the verifier', async () => {
    // verifyTimelines recomputes in Node; the trigger computed in SQL: an untouched incident with Chinese and emoji text agrees.
    const fresh = await createGateway(t.app, t.adminToken, 'tl-gw3', { lat: 31.25, lon: 121.49 });
    const id = (await postAlert(t.app, fresh.key, { kind: 'crime', note: '抢劫 — “快来” 😱 \\ "quoted" \n newline' })).body.incidentId as string;
    expect(await verifyTimelines(t.app.core.db, { incidentId: id })).toMatchObject({ ok: true, rows: 1 });
  });
});

/** Appends two rows to the incident (through the real escalate command) and then deletes the middle one of the last three. */
async function createAndRemoveMiddle(t: TestApp, incidentId: string, before: number): Promise<void> {
  await api(t.app, t.adminToken, 'POST', `/api/incidents/${incidentId}/escalate`, { reason: 'one' });
  await api(t.app, t.adminToken, 'POST', `/api/incidents/${incidentId}/escalate`, { reason: 'two' });
  const rows = await t.app.core.db.query<{ id: number }>('SELECT id FROM incident_events WHERE incident_id = $1 ORDER BY id', [incidentId]);
  expect(rows.length).toBe(before + 2);
  await tamper(t.app.core.db, 'DELETE FROM incident_events WHERE id = $1', [rows[rows.length - 2]!.id]);
}
