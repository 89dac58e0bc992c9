import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '@lianfang/shared';
import { createUnit } from '../../helpers/fixtures.js';
import { api, login, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { createTestDatabase } from '../../helpers/test-services.js';

const SITE = { lat: 30.2605, lon: 120.1705 };
type Detail = { timeline: { kind: string }[] };

/**
 * The tablet's offline queue resends a report or a resolve whose reply was lost. With the queued
 * command's id as idempotency key, the replay gets the first reply and changes nothing.
 * On PGlite (the embedded default) and on a real PostgreSQL.
 */
describe.each([
  ['PGlite', async () => ({ t: await startTestApp(), drop: async () => {} })],
  [
    'PostgreSQL',
    async () => {
      const db = await createTestDatabase();
      return { t: await startTestApp({ databaseUrl: db.url }), drop: db.drop };
    },
  ],
] as const)('idempotent tablet commands on %s', (_name, start) => {
  let t: TestApp;
  let drop: () => Promise<void>;
  let captain: string;
  let unitId: string;

  beforeAll(async () => {
    ({ t, drop } = await start());
    unitId = (await createUnit(t.app, t.adminToken, 'IDEM-1', `idem-${randomUUID()}`)).id;
    await api(t.app, t.adminToken, 'POST', '/api/users', { username: 'idemcap', password: 'idem-captain', role: 'captain', unitId });
    captain = await login(t.app, 'idemcap', 'idem-captain');
  });
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  const report = (key: string, title = 'Broken street light') =>
    api<Incident>(t.app, captain, 'POST', '/api/incidents', { category: 'other', priority: 'P3', title, lat: SITE.lat, lon: SITE.lon, idempotencyKey: key });
  const countTitled = (title: string) => [...t.app.core.picture.incidents.values()].filter((i) => i.title === title).length;

  it('a replayed report returns the first incident: one incident, one "created" entry', async () => {
    const key = randomUUID();
    const first = await report(key, 'Report replayed');
    const again = await report(key, 'Report replayed');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body).toEqual(first.body);
    expect(countTitled('Report replayed')).toBe(1);
    const detail = await api<Detail>(t.app, t.adminToken, 'GET', `/api/incidents/${first.body.id}`);
    expect(detail.body.timeline.filter((e) => e.kind === 'created')).toHaveLength(1);
    // A new key is a new report.
    expect((await report(randomUUID(), 'Report replayed')).body.id).not.toBe(first.body.id);
    expect(countTitled('Report replayed')).toBe(2);
  });

  it('a replayed resolve returns the first reply instead of 409, with one "resolved" entry', async () => {
    const opened = await report(randomUUID(), 'Resolve replayed');
    const id = opened.body.id;
    await api(t.app, t.adminToken, 'POST', `/api/incidents/${id}/dispatch`, { unitIds: [unitId] });
    const key = randomUUID();
    const first = await api<Incident>(t.app, captain, 'POST', `/api/incidents/${id}/resolve`, { outcome: 'solved_on_site', idempotencyKey: key });
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('resolved');
    const again = await api<Incident>(t.app, captain, 'POST', `/api/incidents/${id}/resolve`, { outcome: 'solved_on_site', idempotencyKey: key });
    expect(again).toEqual(first);
    const detail = await api<Detail>(t.app, t.adminToken, 'GET', `/api/incidents/${id}`);
    expect(detail.body.timeline.filter((e) => e.kind === 'resolved')).toHaveLength(1);
    // Without the key (or with another) it is a second command, which the state machine refuses
    // (the captain is not even let near it: the incident has left the live picture).
    expect((await api(t.app, t.adminToken, 'POST', `/api/incidents/${id}/resolve`, { outcome: 'solved_on_site' })).status).toBe(409);
    expect((await api(t.app, t.adminToken, 'POST', `/api/incidents/${id}/resolve`, { outcome: 'solved_on_site', idempotencyKey: key })).status).toBe(409);
    expect((await api(t.app, captain, 'POST', `/api/incidents/${id}/resolve`, { outcome: 'solved_on_site', idempotencyKey: randomUUID() })).status).toBe(403);
  });

  it('a resolve sent late keeps the time it was pressed; a future time counts as now', async () => {
    const late = await report(randomUUID(), 'Resolved in a dead spot');
    await api(t.app, t.adminToken, 'POST', `/api/incidents/${late.body.id}/dispatch`, { unitIds: [unitId] });
    // Pressed 1 s after the report was created, delivered now.
    const pressed = new Date(Date.parse(late.body.createdAt) + 1000).toISOString();
    await new Promise((r) => setTimeout(r, 1200));
    const resolved = await api<Incident>(t.app, captain, 'POST', `/api/incidents/${late.body.id}/resolve`, {
      outcome: 'solved_on_site',
      idempotencyKey: randomUUID(),
      at: pressed,
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.milestones.resolvedAt).toBe(pressed);
    const detail = await api<{ timeline: { kind: string; data: { at?: string } }[] }>(t.app, t.adminToken, 'GET', `/api/incidents/${late.body.id}`);
    expect(detail.body.timeline.find((e) => e.kind === 'resolved')?.data.at).toBe(pressed);

    const future = await report(randomUUID(), 'Resolved by a clock in the future');
    await api(t.app, t.adminToken, 'POST', `/api/incidents/${future.body.id}/dispatch`, { unitIds: [unitId] });
    const before = Date.now();
    const ahead = await api<Incident>(t.app, captain, 'POST', `/api/incidents/${future.body.id}/resolve`, {
      outcome: 'solved_on_site',
      at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(Date.parse(ahead.body.milestones.resolvedAt!)).toBeGreaterThanOrEqual(before - 5);
    expect(Date.parse(ahead.body.milestones.resolvedAt!)).toBeLessThanOrEqual(Date.now());
    const bad = await api<{ field?: string }>(t.app, captain, 'POST', `/api/incidents/${future.body.id}/resolve`, {
      outcome: 'solved_on_site',
      at: 'yesterday',
    });
    expect(bad.status).toBe(400);
  });

  it('a key used for another command is refused naming the field; keys are per user; a bad key is a 400', async () => {
    const key = randomUUID();
    const created = await report(key, 'Key reuse');
    const misuse = await api<{ field: string }>(t.app, captain, 'POST', `/api/incidents/${created.body.id}/resolve`, {
      outcome: 'solved_on_site',
      idempotencyKey: key,
    });
    expect(misuse).toMatchObject({ status: 409, body: { field: 'idempotencyKey' } });
    // The operator's queue happens to hold the same key: a different command, a different incident.
    const operators = await api<Incident>(t.app, t.adminToken, 'POST', '/api/incidents', {
      category: 'other',
      priority: 'P3',
      title: 'Key reuse',
      lat: SITE.lat,
      lon: SITE.lon,
      idempotencyKey: key,
    });
    expect(operators.status).toBe(201);
    expect(operators.body.id).not.toBe(created.body.id);
    const empty = await api<{ field?: string; message: string }>(t.app, captain, 'POST', '/api/incidents', {
      category: 'other',
      priority: 'P3',
      title: 'x',
      lat: SITE.lat,
      lon: SITE.lon,
      idempotencyKey: '',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('idempotencyKey');
  });
});
