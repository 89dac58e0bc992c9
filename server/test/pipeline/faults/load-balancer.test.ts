import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoadBalancer, type LoadBalancer } from '../../helpers/cluster/load-balancer.js';
import { createGateway, postAlert } from '../../helpers/fixtures.js';
import type { TestApp } from '../../helpers/test-app.js';
import { startTwoInstances, type TwoInstances } from '../../helpers/two-instances.js';

/**
 * The process-level load balancer in front of two instances: WebSocket
 * sessions go to either; a long-polling session (the web client's fallback)
 * stays on the instance that opened it, or Socket.IO would refuse its next request.
 */
describe('load balancer (infra/local)', () => {
  let a: TestApp;
  let b: TestApp;
  let lb: LoadBalancer;
  let pair: TwoInstances;

  beforeAll(async () => {
    pair = await startTwoInstances();
    ({ a, b } = pair);
    lb = await startLoadBalancer([a, b].map((t) => ({ host: '127.0.0.1', port: Number(new URL(t.url).port), downUntil: 0 })));
  });
  afterAll(async () => {
    await lb?.close();
    await pair?.close();
  });

  it('spreads sessions over both instances and keeps each polling session on its own', async () => {
    const gateway = await createGateway(a.app, a.adminToken, 'lb gate', { lat: 31.2, lon: 121.4 });
    await b.app.core.settle();
    const clients = (['polling', 'polling', 'websocket', 'websocket'] as const).map((transport) => {
      const socket = io(`http://127.0.0.1:${lb.port}`, {
        path: '/socket.io',
        transports: [transport],
        upgrade: false,
        reconnection: false,
        forceNew: true,
        auth: { token: a.adminToken },
      });
      const alerts: string[] = [];
      socket.on('alert:raised', (p: { alert: { id: string } }) => alerts.push(p.alert.id));
      const snapshot = new Promise<void>((resolve, reject) => {
        socket.once('state:snapshot', () => resolve());
        socket.once('connect_error', reject);
      });
      return { socket, alerts, snapshot };
    });
    await Promise.all(clients.map((c) => c.snapshot));
    // Each instance serves two of the four.
    expect(a.app.io.engine.clientsCount).toBe(2);
    expect(b.app.io.engine.clientsCount).toBe(2);

    const res = await postAlert(b.app, gateway.key, { kind: 'panic' });
    expect(res.status).toBe(202);
    for (let i = 0; i < 100 && clients.some((c) => c.alerts.length === 0); i++) await new Promise((r) => setTimeout(r, 50));
    expect(clients.map((c) => c.alerts)).toEqual(clients.map(() => [res.body.alertId]));
    expect(clients.every((c) => c.socket.connected)).toBe(true);
    for (const c of clients) c.socket.disconnect();
  });
});
