import type { KeyArea, KeyAreaCreate, KeyAreaUpdate, PatrolPlan, PatrolPlanAdminCreate, PatrolPlanUpdate } from '@lianfang/shared';
import { apiRequest } from '../../api/http-client';

/**
 * The console's key areas, fixed posts and guard tours (admin only on the server). What changed
 * comes back to every screen as `key_area:updated` / `patrol_plan:updated`.
 */
const areaPath = (id: string) => `/api/admin/key-areas/${encodeURIComponent(id)}`;
const planPath = (id: string) => `/api/admin/patrol-plans/${encodeURIComponent(id)}`;

export const dutyPlacesAdminApi = {
  createKeyArea: (body: KeyAreaCreate) => apiRequest<KeyArea>('/api/admin/key-areas', { method: 'POST', body }),
  updateKeyArea: (id: string, body: KeyAreaUpdate) => apiRequest<KeyArea>(areaPath(id), { method: 'PATCH', body }),
  retireKeyArea: (id: string, version: number) => apiRequest<KeyArea>(`${areaPath(id)}/retire`, { method: 'POST', body: { version } }),
  createPlan: (body: PatrolPlanAdminCreate) => apiRequest<PatrolPlan>('/api/admin/patrol-plans', { method: 'POST', body }),
  updatePlan: (id: string, body: PatrolPlanUpdate) => apiRequest<PatrolPlan>(planPath(id), { method: 'PATCH', body }),
  retirePlan: (id: string, version: number) => apiRequest<PatrolPlan>(`${planPath(id)}/retire`, { method: 'POST', body: { version } }),
};
