import type { ApiError } from '@lianfang/shared';

/** The server answered with a 4xx/5xx body `{statusCode, error, message, field?}`. */
export class ApiRequestError extends Error {
  readonly status: number;
  /** the request field the server blamed, so a form can mark that input */
  readonly field: string | undefined;
  readonly error: string;
  /** what kind of problem, where the route says (the geography console's rules) */
  readonly code: string | undefined;

  constructor(status: number, body: Partial<ApiError>) {
    super(body.message ?? `HTTP ${status}`);
    this.name = 'ApiRequestError';
    this.status = status;
    this.field = body.field;
    this.error = body.error ?? '';
    this.code = body.code;
  }
}

/** The request never got an answer (offline, server down, proxy gone). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : 'network error');
    this.name = 'NetworkError';
  }
}

export function isUnauthorized(err: unknown): boolean {
  return err instanceof ApiRequestError && err.status === 401;
}
