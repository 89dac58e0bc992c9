import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, createUnit, postAlert } from '../helpers/fixtures.js';
import { api, login, startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Issue #14 finding 9: any assignment of the captain's unit let the captain resolve,
 * even one they had declined or been cleared from. Only a live one counts now.
 * (Resolve has no socket command: the tablet resolves over REST.)
 */
describe('a captain resolves only an incident their unit is still working on', () => {
  let t: TestApp;
  let captain = '';
  let unitId = '';
  let gatewayKey = '';
  let n = 0;

  /** A fresh incident (its own gateway position, so presses do not join) with the captain's unit dispatched. */
  async function dispatchedIncident(): Promise<string> {
    const gw = await createGateway(t.app, t.adminToken, `res-gw-${n}`, { lat: 31.2 + n * 0.01, lon: 121.4 });
    n++;
    gatewayKey = gw.key;
    const id = (await postAlert(t.app, gatewayKey, { kind: 'fire' })).body.incidentId as string;
    expect((await api(t.app, t.adminToken, 'POST', `/api/incidents/${id}/dispatch`, { unitIds: [unitId] })).status).toBe(200);
    return id;
  }
  // A captain's decline names its reason (the tablet asks for one).
  const status = (id: string, s: string) =>
    api(t.app, captain, 'POST', `/api/incidents/${id}/units/${unitId}/status`, s === 'declined' ? { status: s, reason: 'vehicle broke down' } : { status: s });
  const resolve = (id: string) => api<{ message?: string; status?: string }>(t.app, captain, 'POST', `/api/incidents/${id}/resolve`, { outcome: 'mediated' });

  beforeAll(async () => {
    t = await startTestApp();
    unitId = (await createUnit(t.app, t.adminToken, 'RES-1', 'res-tracker-1')).id;
    expect((await api(t.app, t.adminToken, 'POST', '/api/users', { username: 'rescap', password: 'resolve-captain', role: 'captain', unitId })).status).toBe(
      201,
    );
    captain = await login(t.app, 'rescap', 'resolve-captain');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses after the unit declined', async () => {
    const id = await dispatchedIncident();
    expect((await status(id, 'declined')).status).toBe(200);
    const res = await resolve(id);
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/declined or cleared/);
  });

  it('refuses after the unit was cleared', async () => {
    const id = await dispatchedIncident();
    expect((await status(id, 'acknowledged')).status).toBe(200);
    expect((await status(id, 'cleared')).status).toBe(200);
    expect((await resolve(id)).status).toBe(403);
  });

  it('resolves while the unit is on it', async () => {
    const id = await dispatchedIncident();
    expect((await status(id, 'acknowledged')).status).toBe(200);
    const res = await resolve(id);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('resolved');
  });
});
