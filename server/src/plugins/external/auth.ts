import type { Role } from '@lianfang/shared';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { forbidden, unauthorized } from '../../http-error.js';
import type { SessionClaims, SessionTokens } from '../app/users/session-tokens.js';

export const SESSION_COOKIE = 'lf_session';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionClaims | null;
  }
}

/** Reads the bearer token or the session cookie on every request; routes then demand roles. */
export function registerAuth(app: FastifyInstance, tokens: SessionTokens): void {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    request.session = tokens.verify(tokenOf(request));
  });
}

export function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  return request.cookies?.[SESSION_COOKIE];
}

/** preHandler for a route: a login is always required; `roles` narrows who may call it. */
export function requireRole(...roles: Role[]): preHandlerAsyncHookHandler {
  return async (request) => {
    if (!request.session) throw unauthorized();
    if (roles.length > 0 && !roles.includes(request.session.role)) throw forbidden(`needs role ${roles.join(' or ')}`);
  };
}

export const ALL_STAFF: Role[] = ['admin', 'operator', 'manager', 'captain'];
export const CONTROL_ROOM: Role[] = ['admin', 'operator', 'manager'];
