import type { CreateUser, EnrolledUnit, ImportReport, ManagedUser, SessionInfo, Team, TrackerEnrolment, UpdateUser, User } from '@lianfang/shared';
import { apiRequest } from '../../api/http-client';

/** The administrator's REST calls: accounts, their logins, and tracker enrolment. Admin-only on the server. */
const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;
const unitTrackerPath = (id: string) => `/api/units/${encodeURIComponent(id)}/tracker`;

export const adminApi = {
  users: () => apiRequest<ManagedUser[]>('/api/users'),
  createUser: (body: CreateUser) => apiRequest<User>('/api/users', { method: 'POST', body }),
  updateUser: (id: string, body: UpdateUser) => apiRequest<ManagedUser>(userPath(id), { method: 'PATCH', body }),
  resetPassword: (id: string) => apiRequest<{ password: string }>(`${userPath(id)}/password`, { method: 'POST' }),
  sessions: (id: string) => apiRequest<SessionInfo[]>(`${userPath(id)}/sessions`),
  endSession: (id: string, sessionId: string) =>
    apiRequest<{ ended: number }>(`${userPath(id)}/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE' }),
  endAllSessions: (id: string) => apiRequest<{ ended: number }>(`${userPath(id)}/sessions`, { method: 'DELETE' }),
  teams: () => apiRequest<Team[]>('/api/teams'),
  trackers: () => apiRequest<EnrolledUnit[]>('/api/admin/trackers'),
  enrolTracker: (unitId: string) => apiRequest<TrackerEnrolment>(unitTrackerPath(unitId), { method: 'POST' }),
  revokeTracker: (unitId: string) => apiRequest<EnrolledUnit>(unitTrackerPath(unitId), { method: 'DELETE' }),
  /** a bulk import (the roster, past cases): a spreadsheet (text/csv) or JSON file, checked first with dryRun */
  importFile: (endpoint: string, file: Blob, dryRun: boolean) => apiRequest<ImportReport>(`${endpoint}?dryRun=${dryRun}`, { method: 'POST', rawBody: file }),
};
