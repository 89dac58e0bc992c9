import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '@lianfang/shared';
import { createTestDatabase } from '../../helpers/test-services.js';
import { api, startTestApp, type TestApp } from '../../helpers/test-app.js';

/** The call's columns, the received-before-created check and the processing phase on real PostgreSQL (migration 018). */
describe('call intake on PostgreSQL', () => {
  let t: TestApp;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp({ databaseUrl: db.url, config: { ADVICE_INTERVAL_MS: 600_000, COVERAGE_INTERVAL_MS: 600_000 } });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('stores and reads back the call, and processing in the facts starts at the call', async () => {
    const receivedAt = new Date(Date.now() - 60_000).toISOString();
    const created = await api<Incident>(t.app, t.adminToken, 'POST', '/api/incidents', {
      category: 'medical',
      priority: 'P1',
      title: '老人晕倒',
      lat: 30.26,
      lon: 120.17,
      callerName: '张三',
      callbackNumber: '0571-8888-0000',
      address: '文三路 88 号',
      description: '老人晕倒在楼道',
      callReceivedAt: receivedAt,
    });
    expect(created.status).toBe(201);
    const read = await api<{ incident: Incident }>(t.app, t.adminToken, 'GET', `/api/incidents/${created.body.id}`);
    expect(read.body.incident).toMatchObject({ callerName: '张三', callbackNumber: '0571-8888-0000', address: '文三路 88 号', callReceivedAt: receivedAt });
    // Dispatch is what ends processing; no unit needed for the facts row to show where it starts.
    await t.app.core.db.query(`UPDATE incidents SET dispatched_at = created_at + interval '10 seconds' WHERE id = $1`, [created.body.id]);
    const [fact] = await t.app.core.db.query<{ processing_s: number }>('SELECT processing_s FROM incident_facts WHERE incident_id = $1', [created.body.id]);
    const expected = Math.ceil((Date.parse(created.body.createdAt) + 10_000 - Date.parse(receivedAt)) / 1000);
    expect(fact!.processing_s).toBe(expected);
    // No writer may store a call received after its incident was created.
    await expect(
      t.app.core.db.query(`UPDATE incidents SET call_received_at = created_at + interval '1 second' WHERE id = $1`, [created.body.id]),
    ).rejects.toThrow(/incidents_call_received_before_created/);
  });
});
