import { describe, expect, it } from 'vitest';
import { ANALYTICS_ROLES, homePathFor } from '../../src/features/auth/role-home';

describe('where each role lands', () => {
  it('managers on the analytics dashboard; the control room on the wall; captains on the tablet; admins in the console', () => {
    expect(homePathFor('manager')).toBe('/analytics');
    expect(homePathFor('operator')).toBe('/wall');
    expect(homePathFor('admin')).toBe('/admin');
    expect(homePathFor('captain')).toBe('/tablet');
  });

  it('the analytics screens are open to the roles the server allows (not captains)', () => {
    expect([...ANALYTICS_ROLES].sort()).toEqual(['admin', 'manager', 'operator']);
  });
});
