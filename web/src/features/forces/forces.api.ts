import type {
  AdminDevice,
  AdminTeam,
  AdminUnit,
  CreateDevice,
  CreateTeam,
  CreateUnit,
  EnrolledUnit,
  DeviceKeyReply,
  Station,
  UpdateTeam,
  UpdateUnit,
} from '@lianfang/shared';
import { apiRequest } from '../../api/http-client';

/** The console's forces: teams, units and alert devices. Admin-only on the server. */
const teamPath = (id: string) => `/api/teams/${encodeURIComponent(id)}`;
const unitPath = (id: string) => `/api/units/${encodeURIComponent(id)}`;
const devicePath = (id: string) => `/api/devices/${encodeURIComponent(id)}`;

export type NewDevice = CreateDevice & { lat?: number; lon?: number };

export const forcesApi = {
  teams: () => apiRequest<AdminTeam[]>('/api/admin/teams'),
  createTeam: (body: CreateTeam) => apiRequest<AdminTeam>('/api/teams', { method: 'POST', body }),
  updateTeam: (id: string, body: UpdateTeam) => apiRequest<AdminTeam>(teamPath(id), { method: 'PATCH', body }),
  retireTeam: (id: string, version: number) => apiRequest<AdminTeam>(`${teamPath(id)}/retire`, { method: 'POST', body: { version } }),
  stations: () => apiRequest<Station[]>('/api/stations'),
  units: () => apiRequest<AdminUnit[]>('/api/admin/units'),
  createUnit: (body: CreateUnit) => apiRequest<EnrolledUnit>('/api/units', { method: 'POST', body }),
  updateUnit: (id: string, body: UpdateUnit) => apiRequest<AdminUnit>(unitPath(id), { method: 'PATCH', body }),
  retireUnit: (id: string, version: number) => apiRequest<AdminUnit>(`${unitPath(id)}/retire`, { method: 'POST', body: { version } }),
  devices: () => apiRequest<AdminDevice[]>('/api/admin/devices'),
  createDevice: (body: NewDevice) => apiRequest<DeviceKeyReply>('/api/devices', { method: 'POST', body }),
  rotateKey: (id: string) => apiRequest<DeviceKeyReply>(`${devicePath(id)}/key`, { method: 'POST' }),
  revokeDevice: (id: string) => apiRequest<AdminDevice>(devicePath(id), { method: 'DELETE' }),
};
