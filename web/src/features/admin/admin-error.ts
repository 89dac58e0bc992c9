import { ApiRequestError, NetworkError } from '../../api/api-errors';

/** A message key and its params for vue-i18n. */
export interface AdminProblem {
  key: string;
  params?: Record<string, string>;
}

/** Turns a failed admin call into words; the "last enabled admin" refusal gets its own sentence. */
export function describeAdminError(err: unknown): AdminProblem {
  if (err instanceof ApiRequestError && err.status === 409) return { key: 'admin.lastAdmin' };
  if (err instanceof NetworkError) return { key: 'login.serverUnreachable' };
  return { key: 'admin.failed', params: { message: err instanceof Error ? err.message : String(err) } };
}
