import type { Role } from '@lianfang/shared';
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { forbidden, unauthorized } from '../domain-errors.js';
import type { SessionClaims } from './session-tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The login this request came with, as it is now (set by the edge on every request), or null. */
    session: SessionClaims | null;
  }
}

const GUARD = Symbol('lianfang.roleGuard');
export type RoleGuard = onRequestAsyncHookHandler & { [GUARD]: true };
export const isRoleGuard = (h: unknown): h is RoleGuard => typeof h === 'function' && GUARD in h;

/** Route guard (put under onRequest or preHandler; it always runs at onRequest): a login is required; `roles` narrows who may call it. */
export function requireRole(...roles: Role[]): RoleGuard {
  const guard = async (request: FastifyRequest) => {
    if (!request.session) throw unauthorized();
    if (roles.length > 0 && !roles.includes(request.session.role)) throw forbidden(`needs role ${roles.join(' or ')}`);
  };
  return Object.assign(guard, { [GUARD]: true as const });
}

export const ALL_STAFF: Role[] = ['admin', 'operator', 'manager', 'captain'];
export const CONTROL_ROOM: Role[] = ['admin', 'operator', 'manager'];
