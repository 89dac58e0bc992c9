import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminTeam, ApiError } from '@lianfang/shared';
import { api, type TestApp } from '../../helpers/test-app.js';
import { startOn, type Driver } from '../analytics/analytics-client.js';

/**
 * Teams from the console: each change audited with its actor, written to the event log
 * (`team.updated`) and on the live picture every wall is fed from; a stale version is refused.
 */
describe.each(['pglite', 'postgres'] as const satisfies readonly Driver[])('teams administration on %s', (driver) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startOn(driver);
  });
  afterAll(async () => t?.close());

  const call = <T>(method: 'GET' | 'POST' | 'PATCH', url: string, body?: object) => api<T>(t.app, t.adminToken, method, url, body);
  const audit = async (target: string) =>
    (await t.app.core.db.query<{ actor: string; action: string }>('SELECT actor, action FROM audit_log WHERE target = $1 ORDER BY id', [target])).map(
      (a) => `${a.actor} ${a.action}`,
    );
  const teamEvents = async () =>
    (
      await t.app.core.db.query<{ payload: { team: { name: string }; retired: boolean } }>(
        `SELECT payload FROM events WHERE type = 'team.updated' ORDER BY seq`,
      )
    ).map((e) => `${e.payload.team.name}${e.payload.retired ? ' (retired)' : ''}`);
  const liveTeams = async () => {
    await t.app.core.settle();
    return t.app.core.picture.teams.map((team) => team.name);
  };

  let team: AdminTeam;
  it('creates a team: 201 with version 1, audited, published, on the picture', async () => {
    const created = await call<AdminTeam>('POST', '/api/teams', { name: '机动巡逻一队', force: 'police' });
    expect(created.status).toBe(201);
    team = created.body;
    expect(team).toMatchObject({ name: '机动巡逻一队', force: 'police', version: 1 });
    expect(await audit(team.id)).toEqual(['user:admin team.create']);
    expect(await teamEvents()).toEqual(['机动巡逻一队']);
    expect(await liveTeams()).toEqual(['机动巡逻一队']);
    const dup = await call<ApiError>('POST', '/api/teams', { name: '机动巡逻一队', force: 'security' });
    expect([dup.status, dup.body.field]).toEqual([409, 'name']);
  });

  it('renames on the current version; a stale version is a 409 naming version', async () => {
    const renamed = await call<AdminTeam>('PATCH', `/api/teams/${team.id}`, { version: 1, name: '机动巡逻二队' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '机动巡逻二队', version: 2 });
    const stale = await call<ApiError>('PATCH', `/api/teams/${team.id}`, { version: 1, name: '覆盖者' });
    expect([stale.status, stale.body.field]).toEqual([409, 'version']);
    expect(await liveTeams()).toEqual(['机动巡逻二队']);
    expect(await audit(team.id)).toEqual(['user:admin team.create', 'user:admin team.update']);
    const bad = await call<ApiError>('PATCH', `/api/teams/${team.id}`, { version: 2, name: '' });
    expect([bad.status, bad.body.field]).toEqual([400, 'name']);
    const missing = await call<ApiError>('PATCH', '/api/teams/nope', { version: 1, name: 'x' });
    expect(missing.status).toBe(404);
  });

  it('refuses to retire a team with units in service; retires it once they left', async () => {
    const unit = await call<{ id: string }>('POST', '/api/units', { callsign: '巡01', force: 'police', mode: 'car', teamId: team.id });
    expect(unit.status).toBe(201);
    const busy = await call<ApiError>('POST', `/api/teams/${team.id}/retire`, { version: 2 });
    expect([busy.status, busy.body.field]).toEqual([409, 'id']);
    await t.app.core.db.query('UPDATE units SET team_id = NULL WHERE id = $1', [unit.body.id]);
    const retired = await call<AdminTeam>('POST', `/api/teams/${team.id}/retire`, { version: 2 });
    expect(retired.status).toBe(200);
    expect(await liveTeams()).toEqual([]);
    expect(await teamEvents()).toEqual(['机动巡逻一队', '机动巡逻二队', '机动巡逻二队 (retired)']);
    expect((await call<AdminTeam[]>('GET', '/api/admin/teams')).body).toEqual([]);
    // the row stays for history
    expect((await t.app.core.db.query('SELECT 1 FROM teams WHERE id = $1', [team.id])).length).toBe(1);
    expect(await audit(team.id)).toEqual(['user:admin team.create', 'user:admin team.update', 'user:admin team.retire']);
  });
});
