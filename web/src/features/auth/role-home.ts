import type { Role } from '@lianfang/shared';

/** Where each role lands after login: the control room watches the wall, captains carry the tablet. */
export function homePathFor(role: Role): '/wall' | '/tablet' {
  return role === 'captain' ? '/tablet' : '/wall';
}

export const WALL_ROLES: readonly Role[] = ['admin', 'operator', 'manager'];
export const TABLET_ROLES: readonly Role[] = ['captain', 'admin'];
