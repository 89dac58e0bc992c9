import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGateway, createUnit, postAlert, postFix } from '../helpers/fixtures.js';
import { RecordingClient } from '../helpers/socket-client.js';
import { startTestApp, type TestAppOptions } from '../helpers/test-app.js';
import { createTestDatabase } from '../helpers/test-services.js';

/** Data, open incidents and the seq survive a restart, on both drivers. */
describe.each(['pglite', 'postgres'] as const)('restart on %s', (driver) => {
  it('comes back with units, last positions, open incidents and a continuing seq', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lf-restart-'));
    const db = driver === 'postgres' ? await createTestDatabase() : null;
    const options: TestAppOptions = db ? { databaseUrl: db.url } : { dataDir: dir };
    try {
      const first = await startTestApp(options);
      const unit = await createUnit(first.app, first.adminToken, 'R-1', 'r-1');
      const gateway = await createGateway(first.app, first.adminToken, 'restart gw', { lat: 30.3, lon: 120.3 });
      await postFix(first.app, 'r-1', 30.31, 120.31, Math.floor(Date.now() / 1000));
      const alert = await postAlert(first.app, gateway.key, { kind: 'fire' });
      expect(alert.status).toBe(202);
      // Closing flushes buffered positions: a graceful stop loses nothing.
      await first.close();

      const second = await startTestApp(options);
      const picture = second.app.core.picture;
      expect(picture.units.get(unit.id)?.position).toMatchObject({ lat: 30.31, lon: 120.31 });
      expect(picture.incidents.get(alert.body.incidentId as string)).toMatchObject({ status: 'reported', category: 'fire', alertCount: 1 });
      const seqAfterRestart = second.app.core.sequencer.applied;
      // unit created, gateway registered (device.updated), one position batch, one alert: four events before the restart.
      expect(seqAfterRestart).toBe(4);

      // A screen that was connected before the restart resumes from its seq; new events continue the order.
      const screen = new RecordingClient(second.url, second.adminToken, { lastSeq: seqAfterRestart });
      await screen.connected();
      const again = await postAlert(second.app, gateway.key, { kind: 'fire' });
      expect(again.body).toMatchObject({ incidentId: alert.body.incidentId, joined: true, pressCount: 2 });
      await second.app.core.settle();
      await screen.waitForSeq(seqAfterRestart + 1);
      expect(screen.received.map((r) => r.seq)).toEqual([seqAfterRestart + 1]);
      screen.close();
      await second.close();
    } finally {
      await db?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** `units.last_fix` is written on a slow beat: a crash before it must not cost a unit its position. */
describe('positions after a crash (postgres)', () => {
  it('takes a newer fix from the history than the stale last_fix, and writes last_fix on a graceful stop', async () => {
    const db = await createTestDatabase();
    try {
      const first = await startTestApp({ databaseUrl: db.url });
      const unit = await createUnit(first.app, first.adminToken, 'C-1', 'c-1');
      await postFix(first.app, 'c-1', 30.41, 120.41, Math.floor(Date.now() / 1000));
      await first.app.core.settle();
      const [stale] = await first.app.core.db.query<{ last_fix: unknown }>('SELECT last_fix FROM units WHERE id = $1', [unit.id]);
      expect(stale?.last_fix).toBeNull();
      // A second instance starting now sees what a restart after a crash would: history, no last_fix.
      const second = await startTestApp({ databaseUrl: db.url });
      expect(second.app.core.picture.units.get(unit.id)?.position).toMatchObject({ lat: 30.41, lon: 120.41 });
      await second.close();
      await first.close();
      const third = await startTestApp({ databaseUrl: db.url });
      const [written] = await third.app.core.db.query<{ last_fix: { lat: number } | null }>('SELECT last_fix FROM units WHERE id = $1', [unit.id]);
      expect(written?.last_fix?.lat).toBe(30.41);
      await third.close();
    } finally {
      await db.drop();
    }
  });
});
