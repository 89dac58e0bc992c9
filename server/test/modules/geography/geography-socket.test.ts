import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Grid, Station } from '@lianfang/shared';
import { api, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { RecordingClient } from '../../helpers/socket-client.js';
import { STREET_RING } from './geo-fixtures.js';

/** An open wall hears every console change as `geography:changed` (seq-numbered like any event), and a reconnect replays it. */
describe('geography changes reach the walls', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('a created street and a retired station arrive on an open socket, in seq order', async () => {
    const wall = new RecordingClient(t.url, t.adminToken);
    await wall.connected();
    const street = await api<Grid>(t.app, t.adminToken, 'POST', '/api/admin/grids', {
      code: 'S1',
      name: '街道一',
      level: 'street',
      parentId: null,
      ring: STREET_RING,
    });
    const station = await api<Station>(t.app, t.adminToken, 'POST', '/api/admin/stations', {
      code: 'F1',
      name: '消防站',
      kind: 'fire',
      lat: 32.04,
      lon: 118.78,
    });
    await api(t.app, t.adminToken, 'POST', `/api/admin/stations/${station.body.id}/retire`, { version: 1 });
    await t.app.core.settle();
    await wall.waitForSeq(t.app.core.sequencer.applied);
    const changes = wall.received.filter((r) => r.event === 'geography:changed').map((r) => r.payload as { grids: Grid[]; stations: Station[] });
    expect(changes.map((c) => [c.grids.map((g) => g.code), c.stations.map((s) => [s.code, s.retiredAt !== null])])).toEqual([
      [['S1'], []],
      [[], [['F1', false]]],
      [[], [['F1', true]]],
    ]);
    expect(changes[0]!.grids[0]!.id).toBe(street.body.id);
    expect(wall.gaps).toBe(0);
    wall.close();

    // a screen that reconnects from before the changes gets them replayed
    const late = new RecordingClient(t.url, t.adminToken, { lastSeq: wall.received[0]!.seq - 1, history: wall.history });
    await late.connected();
    await late.waitForSeq(t.app.core.sequencer.applied);
    expect(late.received.filter((r) => r.event === 'geography:changed')).toHaveLength(3);
    late.close();
  });
});
