import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OwnPostgres } from '../../helpers/cluster/own-postgres.js';
import { createGateway, postAlert } from '../../helpers/fixtures.js';
import { RecordingClient } from '../../helpers/socket-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

/**
 * PostgreSQL goes away (a cluster of our own, immediate shutdown — never the
 * shared one): alert intake refuses with 503 + Retry-After instead of a 2xx,
 * /readyz says which part is down, and when the database is back the server
 * recovers by itself; the gateway's retry with the same idempotency key is
 * accepted once. Every 202 is a row in the database and an event on the screen.
 */
describe('PostgreSQL outage', () => {
  let pgc: OwnPostgres;
  let server: TestApp;

  beforeAll(async () => {
    pgc = await OwnPostgres.start();
    const admin = new pg.Client({ connectionString: pgc.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE lianfang');
    await admin.end();
    server = await startTestApp({ databaseUrl: pgc.url('lianfang') });
  });
  afterAll(async () => {
    await server?.close().catch(() => {});
    pgc?.destroy();
  });

  it('refuses alerts with 503 while the database is down, never a 2xx, and accepts the retry once it is back', async () => {
    const gateway = await createGateway(server.app, server.adminToken, 'night market gate', { lat: 31.23, lon: 121.47 });
    const screen = new RecordingClient(server.url, server.adminToken);
    await screen.connected();
    const before = await postAlert(server.app, gateway.key, { kind: 'panic', idempotencyKey: 'press-1' });
    expect(before.status).toBe(202);

    pgc.crash();
    const refused = await server.app.inject({
      method: 'POST',
      url: '/ingest/alerts',
      headers: { authorization: `Bearer ${gateway.key}` },
      payload: { kind: 'panic', idempotencyKey: 'press-2' },
    });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json()).toMatchObject({ statusCode: 503, message: expect.stringContaining('nothing was recorded') });
    const ready = await server.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'degraded', database: false });

    pgc.startServer();
    // The pool reconnects by itself: the gateway's retry (same key) goes through, once.
    let retried = await postAlert(server.app, gateway.key, { kind: 'panic', idempotencyKey: 'press-2' });
    for (let i = 0; i < 20 && retried.status !== 202; i++) {
      await new Promise((r) => setTimeout(r, 250));
      retried = await postAlert(server.app, gateway.key, { kind: 'panic', idempotencyKey: 'press-2' });
    }
    expect(retried.status).toBe(202);
    const again = await postAlert(server.app, gateway.key, { kind: 'panic', idempotencyKey: 'press-2' });
    expect(again.body.alertId).toBe(retried.body.alertId);
    expect((await server.app.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ status: 'ready', database: true });

    const rows = await server.app.core.db.query<{ id: string }>('SELECT id FROM alerts ORDER BY received_at');
    expect(rows.map((r) => r.id)).toEqual([before.body.alertId, retried.body.alertId]);
    await server.app.core.settle();
    await screen.waitForSeq(server.app.core.sequencer.applied);
    const seen = screen.received.filter((r) => r.event === 'alert:raised').map((r) => (r.payload.alert as { id: string }).id);
    expect(seen).toEqual([before.body.alertId, retried.body.alertId]);
    expect(screen.gaps).toBe(0);
    expect(screen.duplicates).toBe(0);
    screen.close();
  });
});
