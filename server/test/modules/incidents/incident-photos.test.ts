import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, IncidentPhoto } from '@lianfang/shared';
import { createUnit } from '../../helpers/fixtures.js';
import { RecordingClient } from '../../helpers/socket-client.js';
import { api, login, startTestApp, type TestApp } from '../../helpers/test-app.js';

const SITE = { lat: 30.2605, lon: 120.1705 };
const LIMIT = 64 * 1024;
/** The smallest real JPEG start (SOI + APP0) padded: the server checks the magic bytes, not the pixels. */
const jpeg = (size = 2048) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 7)]);
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 1)]);

/** Photos on incidents: type and size checks, who may add them, who may see them, and the live update. */
describe('incident photos', () => {
  let t: TestApp;
  let captain: string;
  let otherCaptain: string;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp({ config: { PHOTO_MAX_BYTES: LIMIT } });
    unitId = (await createUnit(t.app, t.adminToken, 'PHOTO-1', `photo-${randomUUID()}`)).id;
    const otherUnit = (await createUnit(t.app, t.adminToken, 'PHOTO-2', `photo-${randomUUID()}`)).id;
    await api(t.app, t.adminToken, 'POST', '/api/users', { username: 'photocap', password: 'photo-captain', role: 'captain', unitId });
    await api(t.app, t.adminToken, 'POST', '/api/users', { username: 'photocap2', password: 'photo-captain', role: 'captain', unitId: otherUnit });
    captain = await login(t.app, 'photocap', 'photo-captain');
    otherCaptain = await login(t.app, 'photocap2', 'photo-captain');
  });
  afterAll(async () => t?.close());

  const report = async () =>
    (await api<Incident>(t.app, captain, 'POST', '/api/incidents', { category: 'other', priority: 'P3', title: 'Pothole', lat: SITE.lat, lon: SITE.lon })).body;
  const upload = (id: string, body: Buffer, type: string, token: string | null = captain) =>
    t.app.inject({
      method: 'POST',
      url: `/api/incidents/${id}/photos`,
      headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      payload: body,
    });

  it('stores a JPEG from the reporting captain, lists it on the incident, and serves it back to logged-in users only', async () => {
    const incident = await report();
    const wall = new RecordingClient(t.url, t.adminToken);
    await wall.connected();
    const bytes = jpeg();
    const res = await upload(incident.id, bytes, 'image/jpeg');
    expect(res.statusCode).toBe(201);
    const { photo, incident: updated } = res.json() as { photo: IncidentPhoto; incident: Incident };
    expect(photo).toMatchObject({ contentType: 'image/jpeg', bytes: bytes.length });
    expect(updated.photos).toEqual([photo]);
    expect(t.app.core.picture.incidents.get(incident.id)!.photos).toEqual([photo]);
    // Every open screen gets it: the wall's incident panel shows the thumbnail.
    await wall.waitForSeq(t.app.core.picture.seq);
    const seen = wall.received.filter((r) => r.event === 'incident:updated').map((r) => r.payload.incident as Incident);
    expect(seen.find((i) => i.id === incident.id)?.photos).toEqual([photo]);
    wall.close();

    const served = await t.app.inject({ method: 'GET', url: `/api/photos/${photo.id}`, headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.rawPayload.equals(bytes)).toBe(true);
    expect(String(served.headers['cache-control'])).toMatch(/private/);
    expect((await t.app.inject({ method: 'GET', url: `/api/photos/${photo.id}` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/photos/${randomUUID()}`, headers: { authorization: `Bearer ${captain}` } })).statusCode).toBe(404);
  });

  it('takes PNG too, and refuses other types (415), bytes that are not the declared image (422), too large (413), empty (400)', async () => {
    const incident = await report();
    expect((await upload(incident.id, png(), 'image/png')).statusCode).toBe(201);
    expect((await upload(incident.id, Buffer.from('GIF89a....'), 'image/gif')).statusCode).toBe(415);
    const html = await upload(incident.id, Buffer.from('<html><script>alert(1)</script></html>'), 'image/jpeg');
    expect(html.statusCode).toBe(422);
    expect((html.json() as { field: string }).field).toBe('body');
    expect((await upload(incident.id, png(), 'image/jpeg')).statusCode).toBe(422);
    expect((await upload(incident.id, jpeg(LIMIT + 1), 'image/jpeg')).statusCode).toBe(413);
    expect((await upload(incident.id, Buffer.alloc(0), 'image/jpeg')).statusCode).toBe(400);
    // Only the PNG got in.
    expect(t.app.core.picture.incidents.get(incident.id)!.photos!.map((p) => p.contentType)).toEqual(['image/png']);
  });

  it('refuses without a login (401), a manager (403), and a captain whose unit has nothing to do with the incident (403)', async () => {
    const incident = await report();
    expect((await upload(incident.id, jpeg(), 'image/jpeg', null)).statusCode).toBe(401);
    await api(t.app, t.adminToken, 'POST', '/api/users', { username: 'photomgr', password: 'photo-manager', role: 'manager' });
    expect((await upload(incident.id, jpeg(), 'image/jpeg', await login(t.app, 'photomgr', 'photo-manager'))).statusCode).toBe(403);
    const stranger = await upload(incident.id, jpeg(), 'image/jpeg', otherCaptain);
    expect(stranger.statusCode).toBe(403);
    expect((await upload('no-such-incident', jpeg(), 'image/jpeg', t.adminToken)).statusCode).toBe(404);
    expect(t.app.core.picture.incidents.get(incident.id)!.photos).toEqual([]);
    // The control room may add one to any incident.
    expect((await upload(incident.id, jpeg(), 'image/jpeg', t.adminToken)).statusCode).toBe(201);
  });
});
