import type { AlertKind, JoinCandidate } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { OPEN_INCIDENT_STATUSES } from '@lianfang/shared';

interface CandidateRow {
  id: string;
  lat: number;
  lon: number;
  created_at: Date;
  opening_kind: AlertKind | null;
  last_at: Date;
  last_lat: number | null;
  last_lon: number | null;
}

/**
 * The open incidents this device (or, for a device-less alarm, this unit) opened and pressed
 * on since `sinceMs`, with what the join rule (pickJoinable) needs: the kind of the press that
 * opened each one, and this device's last press on it (when, where). The window is cut here
 * by the device's last press, not by the incident's last change.
 */
export async function findJoinCandidates(q: Queryable, by: { deviceId: string | null; unitId: string | null }, sinceMs: number): Promise<JoinCandidate[]> {
  if (by.deviceId === null && by.unitId === null) return [];
  const rows = await q.query<CandidateRow>(
    `SELECT i.id, i.lat, i.lon, i.created_at,
            (SELECT f.kind FROM alerts f WHERE f.incident_id = i.id ORDER BY f.received_at, f.id LIMIT 1) AS opening_kind,
            l.received_at AS last_at, l.lat AS last_lat, l.lon AS last_lon
       FROM incidents i
       JOIN LATERAL (
         SELECT a.received_at, a.lat, a.lon FROM alerts a
          WHERE a.incident_id = i.id
            AND (($1::text IS NOT NULL AND a.device_id = $1) OR ($1::text IS NULL AND a.device_id IS NULL AND a.unit_id = $2))
          ORDER BY a.received_at DESC LIMIT 1) l ON true
      WHERE i.status = ANY($4::text[]) AND i.source = 'alert' AND l.received_at > $3::timestamptz
        AND (($1::text IS NOT NULL AND i.device_id = $1) OR ($1::text IS NULL AND i.unit_id = $2))`,
    [by.deviceId, by.unitId, new Date(sinceMs).toISOString(), OPEN_INCIDENT_STATUSES],
  );
  return rows.map((r) => ({
    incidentId: r.id,
    openingKind: r.opening_kind ?? 'other',
    point: { lat: r.lat, lon: r.lon },
    createdAtMs: r.created_at.getTime(),
    lastPressAtMs: r.last_at.getTime(),
    lastPressPoint: r.last_lat !== null && r.last_lon !== null ? { lat: r.last_lat, lon: r.last_lon } : null,
  }));
}
