import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminDevice, ApiError, DeviceKeyReply } from '@lianfang/shared';
import { DEMO_CENTER } from '../../../src/modules/roads/road-network.js';
import { api, type TestApp } from '../../helpers/test-app.js';
import { startOn, type Driver } from '../analytics/analytics-client.js';

/**
 * The 报警设备 tab: a gateway created at a fixed position, its key shown once; a new key
 * makes the old one fail at once (401 at /ingest/alerts, no waiting for a cache), and a revoked
 * device is refused too. Each change audited and published as `device.updated`.
 */
describe.each(['pglite', 'postgres'] as const satisfies readonly Driver[])('alert device administration on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startOn(driver);
  });
  afterAll(async () => t?.close());

  const call = <T>(method: 'GET' | 'POST' | 'DELETE', url: string, body?: object) => api<T>(t.app, t.adminToken, method, url, body);
  const press = async (key: string, n: number) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/ingest/alerts',
      headers: { authorization: `Bearer ${key}` },
      payload: { kind: 'panic', idempotencyKey: `press-${n}` },
    });
    return res.statusCode;
  };
  const audit = async (target: string) =>
    (await t.app.core.db.query<{ actor: string; action: string }>('SELECT actor, action FROM audit_log WHERE target = $1 ORDER BY id', [target])).map(
      (a) => `${a.actor} ${a.action}`,
    );
  const deviceEvents = async (id: string) =>
    (
      await t.app.core.db.query<{ payload: { device: { id: string }; revoked: boolean } }>(
        `SELECT payload FROM events WHERE type = 'device.updated' ORDER BY seq`,
      )
    )
      .map((e) => e.payload)
      .filter((p) => p.device.id === id)
      .map((p) => p.revoked);

  let id = '';
  let firstKey = '';
  it('creates a gateway at a fixed position: the key once, the list with its position and no key', async () => {
    const created = await call<DeviceKeyReply>('POST', '/api/devices', { name: '便利店报警按钮', kind: 'alert_gateway', ...DEMO_CENTER });
    expect(created.status).toBe(201);
    ({ id, key: firstKey } = created.body);
    expect(firstKey).toMatch(/^lfd_[A-Za-z0-9_-]{43}$/);
    const list = (await call<AdminDevice[]>('GET', '/api/admin/devices')).body;
    expect(list.map((d) => [d.name, d.kind, d.lat, d.lon])).toEqual([['便利店报警按钮', 'alert_gateway', DEMO_CENTER.lat, DEMO_CENTER.lon]]);
    expect(JSON.stringify(list)).not.toContain(firstKey);
    const half = await call<ApiError>('POST', '/api/devices', { name: 'x', kind: 'alert_gateway', lat: 32 });
    expect([half.status, half.body.field]).toEqual([422, 'lon']);
    expect(await press(firstKey, 1)).toBe(202);
  });

  it('a new key: the old one is refused at once (even though it was just cached), the new one works', async () => {
    const rotated = await call<DeviceKeyReply>('POST', `/api/devices/${id}/key`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.id).toBe(id);
    expect(rotated.body.key).not.toBe(firstKey);
    expect(await press(firstKey, 2)).toBe(401);
    expect(await press(rotated.body.key, 3)).toBe(202);
    firstKey = rotated.body.key;
  });

  it('revoked: its key is refused, it leaves the list, the row stays; all audited and published', async () => {
    const revoked = await call<AdminDevice>('DELETE', `/api/devices/${id}`);
    expect(revoked.status).toBe(200);
    expect(await press(firstKey, 4)).toBe(401);
    expect((await call<AdminDevice[]>('GET', '/api/admin/devices')).body).toEqual([]);
    expect((await call<ApiError>('POST', `/api/devices/${id}/key`)).status).toBe(404);
    expect((await call<ApiError>('DELETE', `/api/devices/${id}`)).status).toBe(404);
    expect((await t.app.core.db.query('SELECT 1 FROM devices WHERE id = $1 AND revoked_at IS NOT NULL', [id])).length).toBe(1);
    expect(await audit(id)).toEqual(['user:admin device.create', 'user:admin device.rotate_key', 'user:admin device.revoke']);
    expect(await deviceEvents(id)).toEqual([false, false, true]);
    // the audit never holds a key
    const data = await t.app.core.db.query<{ data: object }>('SELECT data FROM audit_log WHERE target = $1', [id]);
    expect(JSON.stringify(data)).not.toContain('lfd_');
  });
});
