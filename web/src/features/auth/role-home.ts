import { ROLES, type Role } from '@lianfang/shared';

/**
 * Where each role lands after login: the control room watches the wall, captains
 * carry the tablet, managers read the analytics dashboard, administrators keep the district in the console.
 */
export function homePathFor(role: Role): '/wall' | '/tablet' | '/analytics' | '/admin' {
  if (role === 'captain') return '/tablet';
  if (role === 'admin') return '/admin';
  return role === 'manager' ? '/analytics' : '/wall';
}

export const WALL_ROLES: readonly Role[] = ['admin', 'operator', 'manager'];
export const TABLET_ROLES: readonly Role[] = ['captain', 'admin'];
/** The server allows the analytics API to these roles (CONTROL_ROOM): the screens follow it. */
export const ANALYTICS_ROLES: readonly Role[] = ['admin', 'operator', 'manager'];
/** Accounts, logins and tracker enrolment: the server's user administration is admin-only. */
export const ADMIN_ROLES: readonly Role[] = ['admin'];
/** Everyone who can log in manages their own password and logins. */
export const ACCOUNT_ROLES: readonly Role[] = ROLES;
