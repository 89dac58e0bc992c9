/**
 * What went wrong, in the domain's words. Domain code throws these; the edge turns them into an
 * HTTP status (transport/http/error-status.ts) or a socket acknowledgement. A field, when given,
 * names the input at fault so a person can fix it.
 */
export type DomainErrorKind = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable' | 'rate_limited' | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly field?: string,
    /** what kind of problem (an IMPORT_PROBLEM_CODES entry), so a screen can say it in its own language */
    readonly code?: string,
  ) {
    super(message);
  }
}

export const badRequest = (field: string, message: string) => new DomainError('invalid', `${field}: ${message}`, field);
export const unprocessable = (field: string, message: string) => new DomainError('unprocessable', `${field}: ${message}`, field);
export const conflict = (field: string, message: string) => new DomainError('conflict', `${field}: ${message}`, field);
export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);
export const forbidden = (message = 'your role may not do this') => new DomainError('forbidden', message);
export const unauthorized = (message = 'login required') => new DomainError('unauthorized', message);

/** Try again later: says when (the edge turns it into Retry-After). */
export class RateLimited extends DomainError {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super('rate_limited', message);
  }
}
