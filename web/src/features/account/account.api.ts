import type { ChangePassword, SessionInfo } from '@lianfang/shared';
import { apiRequest } from '../../api/http-client';

/** What every logged-in user may do to their own account. */
export const accountApi = {
  changePassword: (body: ChangePassword) => apiRequest<{ ok: true; endedSessions: number }>('/api/auth/password', { method: 'POST', body }),
  sessions: () => apiRequest<SessionInfo[]>('/api/auth/sessions'),
  endSession: (sessionId: string) => apiRequest<{ ended: number }>(`/api/auth/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE' }),
};
