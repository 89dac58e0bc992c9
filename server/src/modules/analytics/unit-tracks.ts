import { TRACK_POINT_CAP, type TrackPoint } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { serverTimeBounds } from '../positions/position-partitions.js';

/**
 * Units $1, device time in [$2, $3). The server-time bounds prune the day partitions
 * (migration 029): a day's replay reads that day's partition, the next and two minutes of the one before.
 */
export const TRACK_WINDOW = `unit_id = ANY($1::text[]) AND device_time >= $2::timestamptz AND device_time < $3::timestamptz AND ${serverTimeBounds('server_time', '$2', '$3')}`;

export type TracksResult = { points: TrackPoint[] } | { tooMany: true; cap: number } | { unknownUnit: string };

/**
 * Stored fixes of some units in [from, to) by device time, for replaying an
 * incident on the map. The size check reads at most cap + 1 index entries, so a
 * year-long request is refused as cheaply as a short one is answered.
 */
export async function unitTracks(db: Queryable, unitIds: readonly string[], from: string, to: string, cap = TRACK_POINT_CAP): Promise<TracksResult> {
  const known = new Set((await db.query<{ id: string }>('SELECT id FROM units WHERE id = ANY($1::text[])', [unitIds])).map((r) => r.id));
  const unknown = unitIds.find((id) => !known.has(id));
  if (unknown !== undefined) return { unknownUnit: unknown };
  const window = TRACK_WINDOW;
  const [size] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM positions WHERE ${window} LIMIT $4::int) x`, [
    unitIds,
    from,
    to,
    cap + 1,
  ]);
  if ((size?.n ?? 0) > cap) return { tooMany: true, cap };
  const rows = await db.query<{
    unit_id: string;
    device_time: Date;
    lat: number;
    lon: number;
    speed_kmh: number | null;
    heading: number | null;
    accuracy_m: number | null;
  }>(`SELECT unit_id, device_time, lat, lon, speed_kmh, heading, accuracy_m FROM positions WHERE ${window} ORDER BY unit_id, device_time`, [unitIds, from, to]);
  return {
    points: rows.map((r) => ({
      unitId: r.unit_id,
      at: new Date(r.device_time).toISOString(),
      lat: r.lat,
      lon: r.lon,
      speedKmh: r.speed_kmh,
      heading: r.heading,
      accuracyM: r.accuracy_m,
    })),
  };
}
