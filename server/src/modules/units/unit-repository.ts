import { randomUUID } from 'node:crypto';
import type { CreateUnit, EnrolledUnit, Position, Unit, UnitStatus } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';

export interface UnitRow {
  id: string;
  callsign: string;
  force: Unit['force'];
  mode: Unit['mode'];
  tracker_id: string | null;
  team_id: string | null;
  status: UnitStatus;
  last_fix: Position | null;
}

export const UNIT_COLUMNS = 'id, callsign, force, mode, tracker_id, team_id, status, last_fix';

/** A unit as screens see it: never its tracker id, which is the secret of the OsmAnd protocol. */
export function toUnit(r: UnitRow): Unit {
  return { id: r.id, callsign: r.callsign, force: r.force, mode: r.mode, teamId: r.team_id, status: r.status, position: r.last_fix };
}

/** A unit as its administrator enrols it. */
const toEnrolled = (r: UnitRow): EnrolledUnit => ({ ...toUnit(r), trackerId: r.tracker_id });

/** The units in service (retired ones stay in the table for history, off every screen). */
export async function listEnrolledUnits(q: Queryable): Promise<EnrolledUnit[]> {
  return (await q.query<UnitRow>(`SELECT ${UNIT_COLUMNS} FROM units WHERE retired_at IS NULL ORDER BY callsign`)).map(toEnrolled);
}

/** Sets (enrol, rotate) or clears (revoke) a unit's tracker id; null when there is no such unit. */
export async function setTracker(q: Queryable, id: string, trackerId: string | null): Promise<EnrolledUnit | null> {
  const [row] = await q.query<UnitRow>(`UPDATE units SET tracker_id = $2 WHERE id = $1 AND retired_at IS NULL RETURNING ${UNIT_COLUMNS}`, [id, trackerId]);
  return row ? toEnrolled(row) : null;
}

export async function getUnit(q: Queryable, id: string): Promise<Unit | null> {
  const [row] = await q.query<UnitRow>(`SELECT ${UNIT_COLUMNS} FROM units WHERE id = $1`, [id]);
  return row ? toUnit(row) : null;
}

export async function insertUnit(q: Queryable, input: CreateUnit, id: string = randomUUID()): Promise<EnrolledUnit> {
  const [row] = await q.query<UnitRow>(
    `INSERT INTO units (id, callsign, force, mode, tracker_id, team_id, station_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${UNIT_COLUMNS}`,
    [id, input.callsign, input.force, input.mode, input.trackerId ?? null, input.teamId ?? null, input.stationId ?? null],
  );
  return toEnrolled(row!);
}

/**
 * The roster's own fields of a unit (force, mode, team, station; a tracker id when one is given);
 * null when there is no such unit. The version moves on, so a console edit made before it is a 409.
 */
export async function updateUnitRoster(
  q: Queryable,
  id: string,
  change: { force: string; mode: string; teamId: string | null; stationId: string | null; trackerId?: string },
): Promise<EnrolledUnit | null> {
  const [row] = await q.query<UnitRow>(
    `UPDATE units SET force = $2, mode = $3, team_id = $4, station_id = $5, tracker_id = COALESCE($6, tracker_id), version = version + 1
      WHERE id = $1 RETURNING ${UNIT_COLUMNS}`,
    [id, change.force, change.mode, change.teamId, change.stationId, change.trackerId ?? null],
  );
  return row ? toEnrolled(row) : null;
}

/** A unit that asked for help (help_incident_id set) keeps needs_help whatever its assignments do; see needs-help.ts. */
export async function setUnitStatus(q: Queryable, id: string, status: UnitStatus): Promise<Unit | null> {
  const [row] = await q.query<UnitRow>(
    `UPDATE units SET status = CASE WHEN help_incident_id IS NULL THEN $2 ELSE 'needs_help' END WHERE id = $1 AND retired_at IS NULL RETURNING ${UNIT_COLUMNS}`,
    [id, status],
  );
  return row ? toUnit(row) : null;
}

/** History in one multi-row insert: positions are the hot path. */
export async function savePositions(q: Queryable, positions: readonly Position[]): Promise<void> {
  if (positions.length === 0) return;
  const col = <K extends keyof Position>(k: K) => positions.map((p) => p[k]);
  await q.query(
    `INSERT INTO positions (unit_id, device_time, server_time, lat, lon, speed_kmh, heading, accuracy_m, altitude_m, battery, flags)
     SELECT u, dt, st, la, lo, sp, hd, ac, al, ba, string_to_array(fl, ',')
     FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::float8[], $5::float8[], $6::real[], $7::real[], $8::real[], $9::real[], $10::real[], $11::text[])
       AS x(u, dt, st, la, lo, sp, hd, ac, al, ba, fl)`,
    [
      col('unitId'),
      col('deviceTime'),
      col('serverTime'),
      col('lat'),
      col('lon'),
      col('speedKmh'),
      col('heading'),
      col('accuracyM'),
      col('altitudeM'),
      col('battery'),
      positions.map((p) => p.flags.join(',')),
    ],
  );
}

/**
 * The latest fix per unit, written on a slow beat by PositionIngest rather than
 * with every batch: this UPDATE cost as much as the history insert itself
 * (bench/core/flush-cost.ts). After a crash `newestFixes` covers the difference.
 */
export async function saveLastFixes(q: Queryable, latest: ReadonlyMap<string, Position>): Promise<void> {
  if (latest.size === 0) return;
  await q.query(`UPDATE units SET last_fix = x.f FROM unnest($1::text[], $2::jsonb[]) AS x(id, f) WHERE units.id = x.id`, [
    [...latest.keys()],
    [...latest.values()].map((p) => JSON.stringify(p)),
  ]);
}

interface FixRow {
  unit_id: string;
  device_time: Date;
  server_time: Date;
  lat: number;
  lon: number;
  speed_kmh: number | null;
  heading: number | null;
  accuracy_m: number | null;
  altitude_m: number | null;
  battery: number | null;
  flags: Position['flags'];
}

/** The newest history row of every unit (one index probe each): what a restart trusts over a stale `last_fix`. */
export async function newestFixes(q: Queryable): Promise<Position[]> {
  const rows = await q.query<FixRow>(
    `SELECT p.* FROM units u CROSS JOIN LATERAL (
       SELECT * FROM positions WHERE unit_id = u.id ORDER BY device_time DESC LIMIT 1) p`,
  );
  return rows.map((r) => ({
    unitId: r.unit_id,
    lat: r.lat,
    lon: r.lon,
    speedKmh: r.speed_kmh,
    heading: r.heading,
    accuracyM: r.accuracy_m,
    altitudeM: r.altitude_m,
    battery: r.battery,
    deviceTime: r.device_time.toISOString(),
    serverTime: r.server_time.toISOString(),
    flags: r.flags,
  }));
}
