import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, postAlert } from '../helpers/fixtures.js';
import type { TestApp } from '../helpers/test-app.js';
import { startTwoInstances, type TwoInstances } from '../helpers/two-instances.js';

/**
 * A panic button pressed again and again while two instances take the requests
 * at once: one incident, every press counted, no key accepted twice. The first
 * press takes the one-call path (`lf_open_alert_incident`), the rest join in the
 * full transaction; both decide under the same seq lock.
 */
describe('concurrent presses on two instances (PostgreSQL)', () => {
  let a: TestApp;
  let b: TestApp;
  let pair: TwoInstances;

  beforeAll(async () => {
    pair = await startTwoInstances();
    ({ a, b } = pair);
  });
  afterAll(async () => pair?.close());

  it('opens exactly one incident for twelve simultaneous presses and counts all of them', async () => {
    const gateway = await createGateway(a.app, a.adminToken, 'race gw', { lat: 30.26, lon: 120.16 });
    await b.app.core.settle();
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => postAlert(i % 2 ? a.app : b.app, gateway.key, { kind: 'panic', note: `press ${i}` })),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(12).fill(202));
    expect(new Set(replies.map((r) => r.body.incidentId)).size).toBe(1);
    expect(replies.filter((r) => r.body.joined === false)).toHaveLength(1);
    const rows = await a.app.core.db.query<{ alert_count: number; alerts: number; timeline: number }>(
      `SELECT i.alert_count, (SELECT count(*)::int FROM alerts WHERE incident_id = i.id) AS alerts,
              (SELECT count(*)::int FROM incident_events WHERE incident_id = i.id AND kind IN ('alert_received', 'alert_joined')) AS timeline
       FROM incidents i WHERE device_id = $1`,
      [gateway.id],
    );
    expect(rows).toEqual([{ alert_count: 12, alerts: 12, timeline: 12 }]);
  });

  it('accepts one idempotency key once, whichever instance gets the retries', async () => {
    const gateway = await createGateway(b.app, b.adminToken, 'retry gw', { lat: 30.27, lon: 120.17 });
    await a.app.core.settle();
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) => postAlert(i % 2 ? a.app : b.app, gateway.key, { kind: 'fire', idempotencyKey: 'k-1' })),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(6).fill(202));
    expect(new Set(replies.map((r) => r.body.alertId)).size).toBe(1);
    const [count] = await a.app.core.db.query<{ n: number }>('SELECT count(*)::int AS n FROM alerts WHERE device_id = $1', [gateway.id]);
    expect(count?.n).toBe(1);
  });
});
