import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RateLimited } from '../domain-errors.js';

/**
 * Password spraying tries one password on many usernames, so the per-username budget
 * never runs out: this one counts every login attempt from one client address. It runs
 * at onRequest (no body needed) beside the per-username limit, which stays as it is.
 * `request.ip` is the TCP peer unless TRUST_PROXY names the proxy in front: a spoofed
 * X-Forwarded-For from anyone else does not move an attacker to a fresh budget.
 * @fastify/rate-limit's `createRateLimit` (not its hook) so it does not switch off the
 * route's own per-username hook, which the plugin would skip on a request already counted.
 */
export function loginAddressLimit(app: FastifyInstance, perMinute: number): (request: FastifyRequest) => Promise<void> {
  const count = app.createRateLimit({ max: perMinute, timeWindow: 60_000, keyGenerator: (r) => `login-address|${r.ip}` });
  return async (request) => {
    const result = await count(request);
    if (!result.isAllowed && result.isExceeded) throw new RateLimited(`rate limit: at most ${perMinute} login attempts a minute from one address`, result.ttl);
  };
}
