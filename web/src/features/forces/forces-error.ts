import { ApiRequestError, NetworkError } from '../../api/api-errors';
import type { AdminProblem } from '../admin/admin-error';

/**
 * A refused change in words: another administrator changed the record first (409 on `version`),
 * a name already in use, or the server's own message naming the field.
 */
export function describeForcesError(err: unknown): AdminProblem {
  if (err instanceof ApiRequestError && err.status === 409 && err.field === 'version') return { key: 'forces.stale' };
  if (err instanceof ApiRequestError && err.status === 409 && (err.field === 'name' || err.field === 'callsign')) return { key: 'forces.nameTaken' };
  if (err instanceof NetworkError) return { key: 'login.serverUnreachable' };
  return { key: 'admin.failed', params: { message: err instanceof Error ? err.message : String(err) } };
}
