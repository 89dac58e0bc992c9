import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadBalancer } from '../../helpers/cluster/load-balancer.js';
import type { ServerInstance } from '../../helpers/cluster/server-instance.js';
import { startVictimAndSurvivor, type VictimAndSurvivor } from '../../helpers/cluster/victim-and-survivor.js';
import { createGateway, postAlert } from '../../helpers/fixtures.js';
import { RecordingClient } from '../../helpers/socket-client.js';
import type { TestApp } from '../../helpers/test-app.js';

/**
 * kill -9 of the instance a screen is connected to, behind the load balancer:
 * the screen reconnects through it to the survivor, sends its last seq, and
 * gets exactly what it missed — no gap, no duplicate — and every alert that
 * got a 202 (before and after the kill) is in the database and on the screen.
 * Instance A is a real OS process (so it can be killed); B runs in this process.
 */
describe('one instance killed with SIGKILL', () => {
  let cluster: VictimAndSurvivor;
  let victim: ServerInstance;
  let survivor: TestApp;
  let lb: LoadBalancer;

  beforeAll(async () => {
    cluster = await startVictimAndSurvivor();
    ({ victim, survivor, lb } = cluster);
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('moves the screen to the survivor with exactly the missed events, and loses no acknowledged alert', async () => {
    const gateway = await createGateway(survivor.app, survivor.adminToken, 'bank gate', { lat: 31.22, lon: 121.46 });
    const screen = new RecordingClient(`http://127.0.0.1:${lb.port}`, survivor.adminToken, { reconnection: true });
    let disconnects = 0;
    screen.socket.on('disconnect', () => disconnects++);
    await screen.connected();
    const ids: string[] = [];
    const press = async (note: string) => {
      const res = await postAlert(survivor.app, gateway.key, { kind: 'panic', note });
      expect(res.status).toBe(202);
      ids.push(res.body.alertId as string);
    };
    await press('1');
    await survivor.app.core.settle();
    await screen.waitForSeq(survivor.app.core.sequencer.applied);

    await victim.kill9();
    await press('2');
    await press('3');
    await survivor.app.core.settle();
    await screen.waitForSeq(survivor.app.core.sequencer.applied);
    expect(disconnects).toBe(1); // it was on the victim, and moved (the time it takes is measured by the drill)

    const alerts = screen.received.filter((r) => r.event === 'alert:raised').map((r) => (r.payload.alert as { id: string }).id);
    expect(alerts).toEqual(ids);
    expect(screen.gaps).toBe(0);
    expect(screen.duplicates).toBe(0);
    const seqs = screen.received.map((r) => r.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(screen.snapshots).toHaveLength(1); // resumed by replay, not by a fresh snapshot
    const rows = await survivor.app.core.db.query<{ id: string }>('SELECT id FROM alerts WHERE id = ANY($1::text[])', [ids]);
    expect(rows).toHaveLength(3);
    screen.close();
  });
});
