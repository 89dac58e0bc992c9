/**
 * Is this error "the database cannot be reached right now" (as opposed to a bad
 * statement or a constraint)? Then a command was NOT committed, and the honest
 * answer is 503 + Retry-After: the sender keeps the alert and tries again.
 * Covers node-postgres (socket errors, pool connect timeout, server shutting
 * down) and PostgreSQL's connection-exception / operator-intervention classes.
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** SQLSTATE class 08 (connection exception) and 57P01–57P03 (admin/crash shutdown, cannot connect now). */
const SQLSTATE = /^(08\d{3}|57P0[123])$/;
const MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection ended unexpectedly',
  'the database system is starting up',
  'the database system is shutting down',
];

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (SOCKET_CODES.has(e.code) || SQLSTATE.test(e.code))) return true;
  if (typeof e.message === 'string' && MESSAGES.some((m) => (e.message as string).includes(m))) return true;
  // Node's happy-eyeballs connect reports an AggregateError of per-address failures.
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
