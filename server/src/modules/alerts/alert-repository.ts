import type { Alert, DomainEvent, Incident, LocationText, LogEntry } from '@lianfang/shared';
import { OPEN_INCIDENT_STATUSES, clockSkewOf } from '@lianfang/shared';
import { encodeEvent } from '../../pipeline/event-codec.js';
import type { Queryable } from '../../db/database.js';
import { getIncident, locationTextColumn, type NewIncident } from '../incidents/incident-repository.js';

export async function insertAlert(q: Queryable, a: Alert, idempotencyKey: string | null): Promise<void> {
  await q.query(
    `INSERT INTO alerts (id, kind, source, device_id, unit_id, incident_id, lat, lon, note, device_time, received_at, idempotency_key, location_text)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
    [
      a.id,
      a.kind,
      a.source,
      a.deviceId,
      a.unitId,
      a.incidentId,
      a.lat,
      a.lon,
      a.note,
      a.deviceTime,
      a.receivedAt,
      idempotencyKey,
      locationTextColumn(a.locationText),
    ],
  );
}

/**
 * A first press: the incident, the alert and the timeline's first line in one
 * statement. Alerts are the path where every millisecond counts, and in the
 * embedded database each statement costs the server's own CPU.
 */
export async function insertAlertWithIncident(q: Queryable, i: NewIncident, a: Alert, idempotencyKey: string | null, actor: string): Promise<void> {
  await q.query(
    `WITH inc AS (
       INSERT INTO incidents (id, status, category, priority, source, title, lat, lon, grid_id, device_id, unit_id, alert_count, created_at, updated_at, level, location_text)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$27) RETURNING id),
     al AS (
       INSERT INTO alerts (id, kind, source, device_id, unit_id, incident_id, lat, lon, note, device_time, received_at, idempotency_key, location_text)
       SELECT $16, $17, $18, $10, $11, inc.id, $19, $20, $21, $22, $23, $24, $28 FROM inc)
     INSERT INTO incident_events (incident_id, at, actor, kind, data)
     SELECT inc.id, now(), $25, 'alert_received', $26 FROM inc`,
    [
      i.id,
      i.status,
      i.category,
      i.priority,
      i.source,
      i.title,
      i.lat,
      i.lon,
      i.gridId,
      i.deviceId,
      i.unitId,
      i.alertCount,
      i.createdAt,
      i.updatedAt,
      i.level,
      a.id,
      a.kind,
      a.source,
      a.lat,
      a.lon,
      a.note,
      a.deviceTime,
      a.receivedAt,
      idempotencyKey,
      actor,
      JSON.stringify({ alertId: a.id, kind: a.kind }),
      locationTextColumn(i.locationText),
      locationTextColumn(a.locationText),
    ],
  );
}

/**
 * A first press in one round trip (`lf_open_alert_incident`, migration 010):
 * under the seq lock it re-checks the join rule and the idempotency key and,
 * when neither applies, writes the incident, the alert, the first timeline line
 * and the outbox event. Returns the committed entry, or why it wrote nothing.
 */
export async function openAlertIncident(
  q: Queryable,
  i: NewIncident,
  a: Alert,
  idempotencyKey: string | null,
  actor: string,
  windowSeconds: number,
  event: DomainEvent,
): Promise<{ entry: LogEntry } | { taken: 'joinable' | 'idempotency' }> {
  const [row] = await q.query<{ taken: 'joinable' | 'idempotency' | null; seq: number | null; at: Date | null }>(
    `SELECT * FROM lf_open_alert_incident($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22)`,
    [
      i.id,
      i.category,
      i.priority,
      i.title,
      i.lat,
      i.lon,
      i.gridId,
      i.deviceId,
      i.unitId,
      i.createdAt,
      i.level,
      a.id,
      a.kind,
      a.source,
      a.note,
      a.deviceTime,
      idempotencyKey,
      actor,
      windowSeconds,
      OPEN_INCIDENT_STATUSES,
      encodeEvent(event),
      // one text for both rows: the first press is where the incident is
      locationTextColumn(i.locationText),
    ],
  );
  if (row!.taken) return { taken: row!.taken };
  return { entry: { ...event, seq: Number(row!.seq), at: row!.at!.toISOString() } };
}

interface AlertRow {
  id: string;
  kind: Alert['kind'];
  source: Alert['source'];
  device_id: string | null;
  unit_id: string | null;
  incident_id: string;
  lat: number | null;
  lon: number | null;
  note: string | null;
  device_time: Date | null;
  received_at: Date;
  location_text: LocationText | null;
}

export function toAlert(r: AlertRow): Alert {
  return {
    id: r.id,
    kind: r.kind,
    source: r.source,
    deviceId: r.device_id,
    unitId: r.unit_id,
    incidentId: r.incident_id,
    lat: r.lat,
    lon: r.lon,
    note: r.note,
    deviceTime: r.device_time?.toISOString() ?? null,
    receivedAt: r.received_at.toISOString(),
    ...clockSkewOf(r.device_time?.toISOString(), r.received_at.getTime()),
    locationText: r.location_text ?? null,
  };
}

/** A retried request with the same key gets the first answer back instead of a second alert. */
export async function findAlertByIdempotencyKey(
  q: Queryable,
  owner: string | null,
  key: string,
): Promise<{ alert: Alert; incident: Incident; joined: boolean } | null> {
  if (!owner) return null;
  const [row] = await q.query<AlertRow>('SELECT * FROM alerts WHERE COALESCE(device_id, unit_id) = $1 AND idempotency_key = $2', [owner, key]);
  if (!row) return null;
  const incident = await getIncident(q, row.incident_id);
  return { alert: toAlert(row), incident: incident!, joined: true };
}

export async function listAlertsOfIncident(q: Queryable, incidentId: string): Promise<Alert[]> {
  return (await q.query<AlertRow>('SELECT * FROM alerts WHERE incident_id = $1 ORDER BY received_at', [incidentId])).map(toAlert);
}
