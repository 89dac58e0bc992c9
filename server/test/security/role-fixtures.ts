import type { Role, Unit } from '@lianfang/shared';
import { createGateway, createUnit } from '../helpers/fixtures.js';
import { api, login, type TestApp } from '../helpers/test-app.js';

export interface RoleLogins {
  tokens: Record<Role, string>;
  passwords: Record<Role, string>;
  captainUnit: Unit;
  deviceKey: string;
}

/** One login per role (the captain bound to a unit of its own) and one alert gateway. */
export async function loginEveryRole(t: TestApp): Promise<RoleLogins> {
  const captainUnit = await createUnit(t.app, t.adminToken, 'SEC-1', 'sec-tracker-1');
  const passwords: Record<Role, string> = { admin: 'test-admin-password', operator: 'operator-pass-1', manager: 'manager-pass-1', captain: 'captain-pass-1' };
  const tokens = { admin: t.adminToken } as Record<Role, string>;
  for (const role of ['operator', 'manager', 'captain'] as const) {
    const res = await api(t.app, t.adminToken, 'POST', '/api/users', {
      username: role,
      password: passwords[role],
      role,
      ...(role === 'captain' ? { unitId: captainUnit.id } : {}),
    });
    if (res.status !== 201) throw new Error(`create ${role}: ${res.status}`);
    tokens[role] = await login(t.app, role, passwords[role]);
  }
  const { key } = await createGateway(t.app, t.adminToken, 'sec-gateway', { lat: 31.2, lon: 121.45 });
  return { tokens, passwords, captainUnit, deviceKey: key };
}
