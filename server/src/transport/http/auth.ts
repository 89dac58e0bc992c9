import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { isRoleGuard } from '../../modules/users-auth/require-role.js';
import { SESSION_COOKIE } from '../../modules/users-auth/session-cookie.js';
import type { SessionClaims } from '../../modules/users-auth/session-tokens.js';

/** What the guard needs of the session store: the login a token stands for now, or null. */
export interface SessionResolver {
  resolve(token: string | undefined): Promise<SessionClaims | null>;
}

/** The only /api routes open without a login. Any other /api route must carry a `requireRole` guard, or the app refuses to start. */
export const PUBLIC_API_ROUTES: ReadonlySet<string> = new Set(['POST /api/auth/login', 'POST /api/auth/logout']);

/** Reads the bearer token or the session cookie on every request; routes then demand roles. */
export function registerAuth(app: FastifyInstance, sessions: SessionResolver): void {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    // Checked against the session row on every request: an ended login stops at once (session-store.ts).
    request.session = await sessions.resolve(tokenOf(request));
  });
  app.addHook('onRoute', hoistGuards);
}

/**
 * Role guards run at onRequest wherever a route lists them (preHandler included):
 * a caller without a login gets 401 before the body is parsed or validated, so it
 * learns nothing about the input. And an /api route without a guard is a bug that
 * stops the app at startup, so a new route cannot ship open by accident.
 */
function hoistGuards(route: RouteOptions): void {
  const pre = route.preHandler === undefined ? [] : [route.preHandler].flat();
  const on = route.onRequest === undefined ? [] : [route.onRequest].flat();
  const guards = [...on, ...pre].filter(isRoleGuard);
  if (guards.length > 0) {
    route.onRequest = [...guards, ...on.filter((h) => !isRoleGuard(h))] as RouteOptions['onRequest'];
    const rest = pre.filter((h) => !isRoleGuard(h));
    route.preHandler = rest.length > 0 ? (rest as RouteOptions['preHandler']) : undefined;
  }
  const methods = [route.method].flat();
  if (route.url.startsWith('/api/') && guards.length === 0 && !methods.every((m) => m === 'HEAD' || PUBLIC_API_ROUTES.has(`${m} ${route.url}`))) {
    throw new Error(`${methods.join(',')} ${route.url}: every /api route needs requireRole(...) (or a place in PUBLIC_API_ROUTES)`);
  }
}

export function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  return request.cookies?.[SESSION_COOKIE];
}
