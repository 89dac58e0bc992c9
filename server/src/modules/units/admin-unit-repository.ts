import type { AdminUnit, Force, Mode } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { toUnit, UNIT_COLUMNS, type UnitRow } from './unit-repository.js';

interface AdminUnitRow extends UnitRow {
  station_id: string | null;
  version: number;
}

const COLUMNS = `${UNIT_COLUMNS}, station_id, version`;
const toAdminUnit = (r: AdminUnitRow): AdminUnit => ({ ...toUnit(r), stationId: r.station_id, version: r.version });

export interface UnitRosterChange {
  callsign: string;
  force: Force;
  mode: Mode;
  teamId: string | null;
  stationId: string | null;
}

/** Units in service as the 力量 tab edits them (never their tracker ids). */
export async function listAdminUnits(q: Queryable): Promise<AdminUnit[]> {
  return (await q.query<AdminUnitRow>(`SELECT ${COLUMNS} FROM units WHERE retired_at IS NULL ORDER BY callsign`)).map(toAdminUnit);
}

export async function findActiveUnit(q: Queryable, id: string): Promise<AdminUnit | null> {
  const [row] = await q.query<AdminUnitRow>(`SELECT ${COLUMNS} FROM units WHERE id = $1 AND retired_at IS NULL`, [id]);
  return row ? toAdminUnit(row) : null;
}

/** Applies a change made on `version`; null when that version is no longer current. */
export async function updateUnitAt(q: Queryable, id: string, version: number, c: UnitRosterChange): Promise<AdminUnit | null> {
  const [row] = await q.query<AdminUnitRow>(
    `UPDATE units SET callsign = $3, force = $4, mode = $5, team_id = $6, station_id = $7, version = version + 1
     WHERE id = $1 AND version = $2 AND retired_at IS NULL RETURNING ${COLUMNS}`,
    [id, version, c.callsign, c.force, c.mode, c.teamId, c.stationId],
  );
  return row ? toAdminUnit(row) : null;
}

/** Retired, not deleted: positions, cases and analytics keep pointing at it. Its tracker id is dropped (it moves nothing any more). */
export async function retireUnitAt(q: Queryable, id: string, version: number): Promise<AdminUnit | null> {
  const [row] = await q.query<AdminUnitRow>(
    `UPDATE units SET retired_at = now(), tracker_id = NULL, version = version + 1
     WHERE id = $1 AND version = $2 AND retired_at IS NULL RETURNING ${COLUMNS}`,
    [id, version],
  );
  return row ? toAdminUnit(row) : null;
}

export async function callsignTaken(q: Queryable, callsign: string, exceptId: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM units WHERE callsign = $1 AND id <> $2', [callsign, exceptId])).length > 0;
}
