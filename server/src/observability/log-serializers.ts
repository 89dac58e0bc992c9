import type { FastifyRequest } from 'fastify';

/** A URL as it may be logged: the path only. Query strings carry tracker ids and, from some clients, tokens. */
export function pathOnly(url: string): string {
  const cut = url.indexOf('?');
  return cut === -1 ? url : `${url.slice(0, cut)}?…`;
}

export interface RequestLogLine {
  [key: string]: unknown;
  method: string;
  url: string;
  host?: string;
  remoteAddress?: string;
  remotePort?: number;
}

/** Fastify's request line without the query string. */
export function requestForLog(request: FastifyRequest): RequestLogLine {
  return { method: request.method, url: pathOnly(request.url), host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}

// What an error may show in the log. Database errors also carry the statement's parameters
// (PGlite: `params`, `query`) and the offending row (`detail`): a new user's password hash or a
// device's key hash. Those are never copied; an allow-list keeps new driver fields out too.
const LOGGED_FIELDS = ['code', 'statusCode', 'constraint', 'table', 'column', 'routine'] as const;

export interface ErrorLogLine {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

/** An error reduced to what helps an operator: type, message, stack and the database's names (never its values). */
export function errorForLog(err: unknown): ErrorLogLine {
  if (!(err instanceof Error)) return { type: typeof err, message: String(err), stack: '' };
  const out: ErrorLogLine = { type: err.name, message: err.message, stack: err.stack ?? '' };
  const fields = err as unknown as Record<string, unknown>;
  for (const key of LOGGED_FIELDS) if (fields[key] !== undefined) out[key] = fields[key];
  if (err.cause !== undefined && err.cause !== err)
    out.cause = err.cause instanceof Error ? { type: err.cause.name, message: err.cause.message } : String(err.cause);
  // Node's happy-eyeballs connect failures: the per-address messages say where it could not connect.
  if (err instanceof AggregateError) out.errors = err.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e)));
  return out;
}
