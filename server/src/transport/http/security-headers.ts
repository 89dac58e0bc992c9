import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** A year, with subdomains: helmet's own default value. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Helmet's headers for the browser context, with two changes:
 * - connect-src is 'self' (CSP Level 3: also ws:/wss: to the same host) plus the ws/wss
 *   forms of PUBLIC_ORIGIN for browsers that do not count sockets as 'self', never any host;
 * - Strict-Transport-Security only on a request that came over HTTPS (`request.protocol`
 *   honours X-Forwarded-Proto only under TRUST_PROXY): over plain HTTP it is meaningless,
 *   and on an address later served over TLS it would pin a browser to a port that has none.
 */
export async function registerSecurityHeaders(app: FastifyInstance, allowedOrigins: ReadonlySet<string>): Promise<void> {
  const sockets = [...allowedOrigins].map((o) => o.replace(/^http/, 'ws'));
  await app.register(helmet, {
    hsts: false,
    // The map needs blob: workers and the styles' images; everything else stays same-origin.
    contentSecurityPolicy: {
      directives: {
        'worker-src': ["'self'", 'blob:'],
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'", ...sockets],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
      },
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}
