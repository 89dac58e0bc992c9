import { randomUUID } from 'node:crypto';
import type { CreateUnit, Position, Unit, UnitStatus } from '@lianfang/shared';
import type { Queryable } from '../../../db/database.js';

interface UnitRow {
  id: string; callsign: string; force: Unit['force']; mode: Unit['mode']; tracker_id: string | null;
  team_id: string | null; status: UnitStatus; last_fix: Position | null;
}

const COLUMNS = 'id, callsign, force, mode, tracker_id, team_id, status, last_fix';

export function toUnit(r: UnitRow): Unit {
  return { id: r.id, callsign: r.callsign, force: r.force, mode: r.mode, trackerId: r.tracker_id, teamId: r.team_id, status: r.status, position: r.last_fix };
}

export async function listUnits(q: Queryable): Promise<Unit[]> {
  return (await q.query<UnitRow>(`SELECT ${COLUMNS} FROM units ORDER BY callsign`)).map(toUnit);
}

export async function getUnit(q: Queryable, id: string): Promise<Unit | null> {
  const [row] = await q.query<UnitRow>(`SELECT ${COLUMNS} FROM units WHERE id = $1`, [id]);
  return row ? toUnit(row) : null;
}

export async function insertUnit(q: Queryable, input: CreateUnit, id: string = randomUUID()): Promise<Unit> {
  const [row] = await q.query<UnitRow>(
    `INSERT INTO units (id, callsign, force, mode, tracker_id, team_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [id, input.callsign, input.force, input.mode, input.trackerId ?? null, input.teamId ?? null],
  );
  return toUnit(row!);
}

export async function setUnitStatus(q: Queryable, id: string, status: UnitStatus): Promise<Unit | null> {
  const [row] = await q.query<UnitRow>(`UPDATE units SET status = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [id, status]);
  return row ? toUnit(row) : null;
}

/** History in one multi-row insert and the latest fix per unit in one update: positions are the hot path. */
export async function savePositions(q: Queryable, positions: readonly Position[]): Promise<void> {
  if (positions.length === 0) return;
  const col = <K extends keyof Position>(k: K) => positions.map((p) => p[k]);
  await q.query(
    `INSERT INTO positions (unit_id, device_time, server_time, lat, lon, speed_kmh, heading, accuracy_m, altitude_m, battery, flags)
     SELECT u, dt, st, la, lo, sp, hd, ac, al, ba, string_to_array(fl, ',')
     FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::float8[], $5::float8[], $6::real[], $7::real[], $8::real[], $9::real[], $10::real[], $11::text[])
       AS x(u, dt, st, la, lo, sp, hd, ac, al, ba, fl)`,
    [col('unitId'), col('deviceTime'), col('serverTime'), col('lat'), col('lon'), col('speedKmh'), col('heading'),
      col('accuracyM'), col('altitudeM'), col('battery'), positions.map((p) => p.flags.join(','))],
  );
  const latest = new Map<string, Position>();
  for (const p of positions) latest.set(p.unitId, p);
  await q.query(
    `UPDATE units SET last_fix = x.f FROM unnest($1::text[], $2::jsonb[]) AS x(id, f) WHERE units.id = x.id`,
    [[...latest.keys()], [...latest.values()].map((p) => JSON.stringify(p))],
  );
}
