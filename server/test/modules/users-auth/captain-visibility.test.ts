import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, Snapshot, Unit } from '@lianfang/shared';
import { postFix } from '../../helpers/fixtures.js';
import { RecordingClient } from '../../helpers/socket-client.js';
import { api, login, startTestApp, type TestApp } from '../../helpers/test-app.js';

const SITE = { lat: 30.2605, lon: 120.1705 };

/**
 * "Operator sees everything, captain sees their team plus what they are dispatched to",
 * enforced on the server, with real Socket.IO clients: a wall and a tablet side by side.
 */
describe('what a captain sees', () => {
  let t: TestApp;
  const units = {} as Record<'A1' | 'A2' | 'B1', Unit>;
  let captain: string;

  async function unit(callsign: string, teamId: string): Promise<Unit> {
    const res = await api<Unit>(t.app, t.adminToken, 'POST', '/api/units', { callsign, force: 'police', mode: 'car', trackerId: `trk-${callsign}`, teamId });
    if (res.status !== 201) throw new Error(`unit ${callsign}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
  async function incident(title: string): Promise<Incident> {
    return (await api<Incident>(t.app, t.adminToken, 'POST', '/api/incidents', { category: 'dispute', priority: 'P3', title, ...SITE })).body;
  }
  const dispatch = (id: string, unitId: string) => api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/dispatch`, { unitIds: [unitId] });
  const unitIdsOf = (c: RecordingClient) =>
    new Set(
      c.received.flatMap((r) =>
        r.event === 'unit:positions' ? (r.payload.rows as [string][]).map((row) => row[0]) : r.event === 'unit:updated' ? [(r.payload.unit as Unit).id] : [],
      ),
    );
  const incidentIdsOf = (c: RecordingClient) => new Set(c.received.flatMap((r) => ('incident' in r.payload ? [(r.payload.incident as Incident).id] : [])));

  beforeAll(async () => {
    t = await startTestApp();
    for (const [id, name] of [
      ['team-a', 'A'],
      ['team-b', 'B'],
    ] as const)
      await t.app.core.db.query('INSERT INTO teams (id, name, force) VALUES ($1, $2, $3)', [id, name, 'police']);
    units.A1 = await unit('A1', 'team-a');
    units.A2 = await unit('A2', 'team-a');
    units.B1 = await unit('B1', 'team-b');
    const made = await api(t.app, t.adminToken, 'POST', '/api/users', {
      username: 'cap-a',
      password: 'captain-a-pass',
      role: 'captain',
      unitId: units.A1.id,
      teamId: 'team-a',
    });
    expect(made.status).toBe(201);
    captain = await login(t.app, 'cap-a', 'captain-a-pass');
  });
  afterAll(async () => t?.close());

  it('streams the team and its incidents to the tablet, everything to the wall, with no gaps on either', async () => {
    const wall = new RecordingClient(t.url, t.adminToken);
    const tablet = new RecordingClient(t.url, captain);
    await Promise.all([wall.connected(), tablet.connected()]);
    await wall.waitForSeq(0);
    await tablet.waitForSeq(0);
    const snap = tablet.snapshots[0]!;
    expect(snap.units.map((u) => u.callsign).sort()).toEqual(['A1', 'A2']);
    expect(snap.coverage).toBeUndefined();
    expect(wall.snapshots[0]!.units.map((u) => u.callsign).sort()).toEqual(['A1', 'A2', 'B1']);

    const now = Math.floor(Date.now() / 1000);
    await postFix(t.app, 'trk-A2', SITE.lat, SITE.lon, now);
    await postFix(t.app, 'trk-B1', SITE.lat + 0.001, SITE.lon, now);
    const other = await incident('other team');
    await dispatch(other.id, units.B1.id);
    const ours = await incident('ours');
    // Hidden at creation (nobody of team A on it), visible once A2 is sent.
    const sent = await dispatch(ours.id, units.A2.id);
    expect(sent.status).toBe(200);
    // B1 and A2 move again: the tablet hears only A2.
    await postFix(t.app, 'trk-B1', SITE.lat + 0.002, SITE.lon, now + 5);
    await postFix(t.app, 'trk-A2', SITE.lat + 0.0005, SITE.lon, now + 5);
    // A last visible event, so both screens must reach the same seq.
    const acked = await api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${ours.id}/units/${units.A2.id}/status`, { status: 'acknowledged' });
    expect(acked.status).toBe(200);
    const last = t.app.core.sequencer.applied;
    await wall.waitForSeq(last);
    await tablet.waitForSeq(last);

    expect(unitIdsOf(wall)).toEqual(new Set([units.A2.id, units.B1.id]));
    expect(unitIdsOf(tablet)).toEqual(new Set([units.A2.id]));
    expect(incidentIdsOf(wall)).toEqual(new Set([other.id, ours.id]));
    expect(incidentIdsOf(tablet)).toEqual(new Set([ours.id]));
    expect(tablet.received.some((r) => r.event === 'incident:created')).toBe(false);
    expect(tablet.received.some((r) => r.event === 'coverage:updated')).toBe(false);
    // Hidden seqs are folded into the next visible message: every seq covered once, no resync asked.
    for (const client of [wall, tablet]) {
      expect(client.gaps).toBe(0);
      expect(client.duplicates).toBe(0);
      // (derived events, e.g. advice, may have come after `last`: the check runs to what arrived)
      const from = client.snapshots[0]!.seq + 1;
      const covered = client.coveredSeqs();
      expect(covered.at(-1)).toBeGreaterThanOrEqual(last);
      expect(covered).toEqual(Array.from({ length: covered.at(-1)! - from + 1 }, (_, i) => from + i));
    }
    wall.close();
    tablet.close();
  });

  it('replays only the team share after a reconnect, still without gaps', async () => {
    const tablet = new RecordingClient(t.url, captain);
    await tablet.connected();
    await tablet.waitForSeq(t.app.core.sequencer.applied);
    const before = tablet.lastSeq;
    tablet.close();

    const other = await incident('while away, other team');
    await dispatch(other.id, units.B1.id);
    const ours = await incident('while away, ours');
    await dispatch(ours.id, units.A1.id);

    const back = new RecordingClient(t.url, captain, { lastSeq: before });
    await back.connected();
    const last = t.app.core.sequencer.applied;
    await back.waitForSeq(last);
    expect(back.snapshots).toHaveLength(0);
    expect(back.gaps).toBe(0);
    expect(back.duplicates).toBe(0);
    expect(incidentIdsOf(back)).toEqual(new Set([ours.id]));
    const covered = back.coveredSeqs();
    expect(covered.at(-1)).toBeGreaterThanOrEqual(last);
    expect(covered).toEqual(Array.from({ length: covered.at(-1)! - before }, (_, i) => before + 1 + i));
    back.close();
  });

  it('sends the tablet its own SOS, and the closing of an incident it worked on', async () => {
    const wall = new RecordingClient(t.url, t.adminToken);
    const tablet = new RecordingClient(t.url, captain);
    await Promise.all([wall.connected(), tablet.connected()]);
    await tablet.waitForSeq(t.app.core.sequencer.applied);
    const sos = await tablet.socket.emitWithAck('alert:raise', { kind: 'sos', ...SITE });
    if (!('data' in sos)) throw new Error(sos.error);
    const id = sos.data.incidentId;
    await dispatch(id, units.A1.id);
    const resolved = await api<Incident>(t.app, t.adminToken, 'POST', `/api/incidents/${id}/resolve`, { outcome: 'solved_on_site' });
    expect(resolved.status).toBe(200);
    await tablet.waitForSeq(t.app.core.sequencer.applied);
    const about = tablet.received.filter((r) => 'incident' in r.payload && (r.payload.incident as Incident).id === id);
    expect(about.map((r) => r.event)).toContain('alert:raised');
    expect((about.at(-1)!.payload.incident as Incident).status).toBe('resolved');
    expect(tablet.gaps).toBe(0);
    expect(tablet.duplicates).toBe(0);
    wall.close();
    tablet.close();
  });

  it('gives a captain the same share over REST', async () => {
    const state = await api<Snapshot>(t.app, captain, 'GET', '/api/state');
    expect(state.body.units.map((u) => u.callsign).sort()).toEqual(['A1', 'A2']);
    expect(state.body.incidents.every((i) => i.assignments.some((a) => a.unitId === units.A1.id || a.unitId === units.A2.id) || i.unitId === units.A1.id)).toBe(
      true,
    );
    expect(state.body.incidents.length).toBeGreaterThan(0);
    const list = await api<Unit[]>(t.app, captain, 'GET', '/api/units');
    expect(list.body.map((u) => u.callsign).sort()).toEqual(['A1', 'A2']);
    const all = await api<Unit[]>(t.app, t.adminToken, 'GET', '/api/units');
    expect(all.body.map((u) => u.callsign).sort()).toEqual(['A1', 'A2', 'B1']);
  });
});
