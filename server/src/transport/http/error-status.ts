import type { DomainErrorKind } from '../../modules/domain-errors.js';

/** The HTTP status of each kind of domain error: the one place the two vocabularies meet. */
export const STATUS_OF: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};
