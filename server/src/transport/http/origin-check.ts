import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { forbidden } from '../../modules/domain-errors.js';
import { SESSION_COOKIE } from '../../modules/users-auth/session-cookie.js';

/**
 * Cross-site request forgery: a browser attaches the session cookie to a request
 * another site makes, and the cookie's SameSite=Strict is the only other guard.
 * So a state-changing request that authenticates by cookie must say where it comes
 * from (Origin, else Referer), and that must be this server (same Host) or an origin
 * listed in PUBLIC_ORIGIN. A Bearer token is exempt: no other site can make a browser
 * send one (that needs a CORS preflight, which this server never grants).
 */
const STATE_CHANGING: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** PUBLIC_ORIGIN (comma-separated) as normalised origins (`https://wall.example.org`, default port dropped). */
export function allowedOriginsOf(publicOrigin: string | undefined): ReadonlySet<string> {
  return new Set(
    (publicOrigin ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean)
      .map((o) => new URL(o).origin),
  );
}

/** The origin a request claims: its Origin header, else its Referer's origin; null when it sends neither. */
export function claimedOrigin(headers: IncomingHttpHeaders): string | null {
  if (typeof headers.origin === 'string' && headers.origin !== '') return headers.origin;
  if (typeof headers.referer === 'string' && headers.referer !== '') {
    try {
      return new URL(headers.referer).origin;
    } catch {
      return headers.referer;
    }
  }
  return null;
}

/**
 * The server's own origin (the request's Host; the scheme is not compared, as a TLS-terminating
 * proxy makes the server see http) or one of the listed ones. `null` and garbage are never allowed.
 */
export function isAllowedOrigin(origin: string, host: string | undefined, allowed: ReadonlySet<string>): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (allowed.has(url.origin)) return true;
  if (!host) return false;
  try {
    return new URL(`${url.protocol}//${host}`).host === url.host;
  } catch {
    return false;
  }
}

/** The REST side: an onRequest hook for the browser context (after @fastify/cookie, so cookies are parsed). */
export function registerOriginCheck(app: FastifyInstance, allowed: ReadonlySet<string>): void {
  app.addHook('onRequest', async (request) => {
    if (!STATE_CHANGING.has(request.method)) return;
    if (request.headers.authorization?.startsWith('Bearer ')) return;
    if (request.cookies?.[SESSION_COOKIE] === undefined) return;
    const origin = claimedOrigin(request.headers);
    if (origin === null) throw forbidden('cross-site check: a request authenticated by the session cookie needs an Origin or Referer header');
    if (!isAllowedOrigin(origin, request.headers.host, allowed)) throw forbidden(`cross-site request refused: origin ${origin} is not allowed (PUBLIC_ORIGIN)`);
  });
}

/**
 * The socket side, as Socket.IO's `allowRequest`: a browser always sends Origin on a
 * handshake, so one from a foreign page is refused. A client without Origin is no browser
 * and still has to present a token (or cookie) in the handshake.
 */
export function socketOriginGate(allowed: ReadonlySet<string>) {
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    const origin = req.headers.origin;
    if (origin === undefined || isAllowedOrigin(origin, req.headers.host, allowed)) return callback(null, true);
    callback(`origin ${origin} is not allowed`, false);
  };
}
