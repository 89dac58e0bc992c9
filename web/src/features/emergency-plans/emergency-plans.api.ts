import type { EmergencyPlan, EmergencyPlanContent, EmergencyPlanVersion, Incident } from '@lianfang/shared';
import { apiRequest } from '../../api/http-client';

const planPath = (id: string) => `/api/admin/plans/${encodeURIComponent(id)}`;

/** The plans an operator can start (retired ones are left out). */
export const fetchPlans = () => apiRequest<EmergencyPlan[]>('/api/plans');

/** Starts a plan at a point: a P1 incident with its checklist, its unit mix dispatched by ETA. */
export const activatePlan = (id: string, at: { lat: number; lon: number; title?: string }) =>
  apiRequest<Incident>(`/api/plans/${encodeURIComponent(id)}/activate`, { method: 'POST', body: at });

/** The console: every plan, retired ones too. */
export const fetchAllPlans = () => apiRequest<EmergencyPlan[]>('/api/admin/plans');
export const createPlan = (content: EmergencyPlanContent) => apiRequest<EmergencyPlan>('/api/admin/plans', { method: 'POST', body: content });
/** Saves a new version on top of `version`; a 409 names `version` when someone saved in between. */
export const savePlan = (id: string, content: EmergencyPlanContent, version: number) =>
  apiRequest<EmergencyPlan>(planPath(id), { method: 'PUT', body: { ...content, version } });
export const setPlanRetired = (id: string, version: number, retired: boolean) =>
  apiRequest<EmergencyPlan>(`${planPath(id)}/${retired ? 'retire' : 'reinstate'}`, { method: 'POST', body: { version } });
export const fetchPlanVersions = (id: string) => apiRequest<EmergencyPlanVersion[]>(`${planPath(id)}/versions`);
