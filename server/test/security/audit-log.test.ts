import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, Incident } from '@lianfang/shared';
import { api, startTestApp, type TestApp } from '../helpers/test-app.js';
import { loginEveryRole, type RoleLogins } from './role-fixtures.js';

const RING: [number, number][] = [
  [121.47, 31.23],
  [121.472, 31.23],
  [121.472, 31.232],
  [121.47, 31.232],
];

describe('audit log', () => {
  let t: TestApp;
  let who: RoleLogins;
  let audit: AuditEntry[];
  let incidentId = '';
  let laterId = '';
  const as = (role: keyof RoleLogins['tokens'], method: 'GET' | 'POST', url: string, body?: object) =>
    api<Incident>(t.app, who.tokens[role], method, url, body);

  beforeAll(async () => {
    t = await startTestApp();
    who = await loginEveryRole(t);
    expect((await as('admin', 'POST', '/api/key-areas', { name: '学校门口', ring: RING, everyMinutes: 10, from: '00:00', to: '00:00' })).status).toBe(201);
    const created = await as('operator', 'POST', '/api/incidents', { category: 'fire', priority: 'P2', title: 'smoke', lat: 31.231, lon: 121.471 });
    expect(created.status).toBe(201);
    incidentId = created.body.id;
    const unitId = who.captainUnit.id;
    for (const [role, url, body] of [
      ['operator', `/api/incidents/${incidentId}/dispatch`, { unitIds: [unitId] }],
      ['captain', `/api/incidents/${incidentId}/units/${unitId}/status`, { status: 'acknowledged' }],
      ['operator', `/api/incidents/${incidentId}/escalate`, { reason: 'spreading' }],
      ['operator', `/api/incidents/${incidentId}/whistle`, { departments: ['fire'] }],
      ['operator', `/api/incidents/${incidentId}/report-in`, { department: 'fire' }],
      ['captain', `/api/incidents/${incidentId}/resolve`, { outcome: 'solved_on_site' }],
      ['manager', `/api/incidents/${incidentId}/close`, { rating: 5 }],
    ] as const) {
      expect((await as(role, 'POST', url, body)).status, url).toBe(200);
    }
    // A P1 nobody reaches: the clock watcher escalates it by itself, two hours "later".
    laterId = (await as('operator', 'POST', '/api/incidents', { category: 'dispute', priority: 'P1', title: 'unreached', lat: 31.24, lon: 121.48 })).body.id;
    await t.app.core.settle();
    // check() skips a beat while the 1 s timer's own check runs: try until the breach is written.
    for (let i = 0; i < 50 && !t.app.core.picture.incidents.get(laterId)?.milestones.arrivalBreachedAt; i++) {
      await t.app.core.clocks.check(Date.now() + 2 * 3600_000);
      await t.app.core.settle();
    }
    audit = (await api<AuditEntry[]>(t.app, t.adminToken, 'GET', '/api/admin/audit?limit=1000')).body;
  });
  afterAll(async () => t?.close());

  const find = (action: string, target?: string) => audit.filter((a) => a.action === action && (target === undefined || a.target === target));

  it('records every admin change with the person who made it', () => {
    expect(
      find('user.create')
        .map((a) => [a.actor, a.data.username, a.data.role])
        .sort(),
    ).toEqual([
      ['user:admin', 'captain', 'captain'],
      ['user:admin', 'manager', 'manager'],
      ['user:admin', 'operator', 'operator'],
    ]);
    expect(find('unit.create', who.captainUnit.id)).toMatchObject([{ actor: 'user:admin', data: { callsign: 'SEC-1' } }]);
    expect(find('device.create')).toMatchObject([{ actor: 'user:admin', data: { name: 'sec-gateway', kind: 'alert_gateway' } }]);
    expect(find('key_area.create')).toMatchObject([{ actor: 'user:admin', data: { name: '学校门口' } }]);
  });

  it('records every dispatch, escalation and incident decision with its actor, in order', () => {
    const trail = audit
      .filter((a) => a.target === incidentId)
      .reverse()
      .map((a) => `${a.actor} ${a.action}`);
    expect(trail).toEqual([
      'user:operator incident.create',
      'user:operator incident.dispatch',
      'user:captain incident.unit_status',
      'user:operator incident.escalate',
      'user:operator incident.whistle',
      'user:operator incident.report_in',
      'user:captain incident.resolved',
      'user:manager incident.closed',
    ]);
    expect(find('incident.dispatch', incidentId)[0]!.data).toEqual({ unitId: who.captainUnit.id });
    expect(find('incident.escalate', incidentId)[0]!.data).toMatchObject({ reason: 'spreading' });
  });

  it('records automatic escalations with the system as actor', () => {
    expect(find('incident.escalate', laterId)).toMatchObject([{ actor: 'system', data: { reason: 'arrival target breached' } }]);
  });

  it('never stores passwords or keys, filters by action prefix and actor, and is admin-only', async () => {
    const text = JSON.stringify(audit);
    for (const secret of Object.values(who.passwords)) expect(text.includes(secret)).toBe(false);
    expect(text.includes(who.deviceKey)).toBe(false);
    const incidentOnly = (await api<AuditEntry[]>(t.app, t.adminToken, 'GET', '/api/admin/audit?action=incident.&actor=user:operator')).body;
    expect(incidentOnly.length).toBe(6);
    expect(incidentOnly.every((a) => a.action.startsWith('incident.') && a.actor === 'user:operator')).toBe(true);
    expect((await api(t.app, who.tokens.operator, 'GET', '/api/admin/audit')).status).toBe(403);
  });
});
