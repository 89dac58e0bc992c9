import type { Incident } from '@lianfang/shared';
import { OPEN_INCIDENT_STATUSES } from '@lianfang/shared';
import type { Queryable } from '../../../db/database.js';

interface IncidentRow {
  id: string; status: Incident['status']; category: Incident['category']; priority: Incident['priority'];
  source: Incident['source']; title: string; lat: number; lon: number; grid_id: string | null;
  device_id: string | null; unit_id: string | null; alert_count: number; created_at: Date; updated_at: Date;
}

const COLUMNS = 'id, status, category, priority, source, title, lat, lon, grid_id, device_id, unit_id, alert_count, created_at, updated_at';
const OPEN_LIST = OPEN_INCIDENT_STATUSES.map((s) => `'${s}'`).join(',');

export function toIncident(r: IncidentRow): Incident {
  return {
    id: r.id, status: r.status, category: r.category, priority: r.priority, source: r.source, title: r.title,
    lat: r.lat, lon: r.lon, gridId: r.grid_id, deviceId: r.device_id, unitId: r.unit_id, alertCount: r.alert_count,
    createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  };
}

export async function listOpenIncidents(q: Queryable): Promise<Incident[]> {
  const rows = await q.query<IncidentRow>(`SELECT ${COLUMNS} FROM incidents WHERE status IN (${OPEN_LIST}) ORDER BY created_at`);
  return rows.map(toIncident);
}

export async function getIncident(q: Queryable, id: string): Promise<Incident | null> {
  const [row] = await q.query<IncidentRow>(`SELECT ${COLUMNS} FROM incidents WHERE id = $1`, [id]);
  return row ? toIncident(row) : null;
}

/** The open incident a repeated press joins: same device (or same unit), still open, within the window. */
export async function findJoinableIncident(
  q: Queryable, by: { deviceId: string | null; unitId: string | null }, windowSeconds: number,
): Promise<Incident | null> {
  const [row] = await q.query<IncidentRow>(
    `SELECT ${COLUMNS} FROM incidents
     WHERE status IN (${OPEN_LIST}) AND source = 'alert' AND updated_at > now() - make_interval(secs => $3)
       AND (($1::text IS NOT NULL AND device_id = $1) OR ($1::text IS NULL AND $2::text IS NOT NULL AND unit_id = $2))
     ORDER BY created_at DESC LIMIT 1`,
    [by.deviceId, by.unitId, windowSeconds],
  );
  return row ? toIncident(row) : null;
}

export async function insertIncident(q: Queryable, i: Incident): Promise<Incident> {
  const [row] = await q.query<IncidentRow>(
    `INSERT INTO incidents (id, status, category, priority, source, title, lat, lon, grid_id, device_id, unit_id, alert_count, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) RETURNING ${COLUMNS}`,
    [i.id, i.status, i.category, i.priority, i.source, i.title, i.lat, i.lon, i.gridId, i.deviceId, i.unitId, i.alertCount, i.createdAt, i.updatedAt],
  );
  return toIncident(row!);
}

export async function bumpAlertCount(q: Queryable, id: string): Promise<Incident> {
  const [row] = await q.query<IncidentRow>(
    `UPDATE incidents SET alert_count = alert_count + 1, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [id],
  );
  return toIncident(row!);
}

export async function appendTimeline(q: Queryable, incidentId: string, actor: string, kind: string, data: object = {}): Promise<void> {
  await q.query('INSERT INTO incident_events (incident_id, at, actor, kind, data) VALUES ($1, now(), $2, $3, $4)', [incidentId, actor, kind, JSON.stringify(data)]);
}
