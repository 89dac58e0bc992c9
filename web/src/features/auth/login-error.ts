import { ApiRequestError, NetworkError } from '../../api/api-errors';

export interface LoginProblem {
  /** message key and params for vue-i18n */
  key: string;
  params?: Record<string, string>;
  /** which input to mark, when the server named one */
  field?: 'username' | 'password';
}

/** Turns a failed login into words for the person at the keyboard. */
export function describeLoginError(err: unknown): LoginProblem {
  if (err instanceof NetworkError) return { key: 'login.serverUnreachable' };
  if (err instanceof ApiRequestError) {
    if (err.status === 401) return { key: 'login.wrongCredentials' };
    if (err.status === 429) return { key: 'login.tooManyTries' };
    const field = err.field === 'username' || err.field === 'password' ? err.field : undefined;
    return { key: 'login.failed', params: { message: err.message }, ...(field ? { field } : {}) };
  }
  return { key: 'login.failed', params: { message: err instanceof Error ? err.message : String(err) } };
}
