import { ApiRequestError, NetworkError } from '../../api/api-errors';

export type PasswordField = 'currentPassword' | 'newPassword';

/** Where the form shows a refusal: beside the input the server named, or above the form. */
export interface PasswordChangeProblem {
  field?: PasswordField;
  key: string;
  params?: Record<string, string>;
}

export function describePasswordChangeError(err: unknown): PasswordChangeProblem {
  if (err instanceof NetworkError) return { key: 'login.serverUnreachable' };
  if (err instanceof ApiRequestError) {
    if (err.field === 'currentPassword') return { field: 'currentPassword', key: 'account.wrongCurrent' };
    if (err.field === 'newPassword') return { field: 'newPassword', key: 'account.failed', params: { message: err.message } };
  }
  return { key: 'account.failed', params: { message: err instanceof Error ? err.message : String(err) } };
}
