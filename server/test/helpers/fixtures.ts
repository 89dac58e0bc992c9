import type { FastifyInstance } from 'fastify';
import type { Unit } from '@lianfang/shared';
import { api } from './test-app.js';

export async function createUnit(app: FastifyInstance, token: string, callsign: string, trackerId: string, extra: Partial<Unit> = {}): Promise<Unit> {
  const res = await api<Unit>(app, token, 'POST', '/api/units', { callsign, force: extra.force ?? 'police', mode: extra.mode ?? 'car', trackerId });
  if (res.status !== 201) throw new Error(`create unit failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createGateway(
  app: FastifyInstance,
  token: string,
  name: string,
  at?: { lat: number; lon: number },
): Promise<{ id: string; key: string }> {
  const res = await api<{ id: string; key: string }>(app, token, 'POST', '/api/devices', { name, kind: 'alert_gateway', ...(at ?? {}) });
  if (res.status !== 201) throw new Error(`create device failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function postAlert(app: FastifyInstance, key: string, body: object): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await app.inject({ method: 'POST', url: '/ingest/alerts', headers: { authorization: `Bearer ${key}` }, payload: body });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

export async function postFix(
  app: FastifyInstance,
  trackerId: string,
  lat: number,
  lon: number,
  timeS: number,
  extra = '',
): Promise<{ status: number; body: string }> {
  const res = await app.inject({ method: 'GET', url: `/ingest/osmand?id=${trackerId}&lat=${lat}&lon=${lon}&timestamp=${timeS}${extra}` });
  return { status: res.statusCode, body: res.body };
}
