import type { Force, Grid, Mode, StandingCrew, Station, Team } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';

const GRID_COLUMNS = 'id, code, name, level, parent_id, ring, leader, contacts, version, retired_at';
interface GridRow {
  id: string;
  code: string;
  name: string;
  level: Grid['level'];
  parent_id: string | null;
  ring: Grid['ring'];
  leader: string | null;
  contacts: Grid['contacts'];
  version: number;
  retired_at: Date | string | null;
}
const iso = (t: Date | string | null) => (t === null ? null : new Date(t).toISOString());
const toGrid = (r: GridRow): Grid => ({
  id: r.id,
  code: r.code,
  name: r.name,
  level: r.level,
  parentId: r.parent_id,
  ring: r.ring,
  leader: r.leader,
  contacts: r.contacts,
  version: r.version,
  retiredAt: iso(r.retired_at),
});

/** The grids in service (the live picture's), streets first. `withRetired`: the console's import and export see them all. */
export async function listGrids(q: Queryable, withRetired = false): Promise<Grid[]> {
  const where = withRetired ? '' : 'WHERE retired_at IS NULL';
  return (await q.query<GridRow>(`SELECT ${GRID_COLUMNS} FROM grids ${where} ORDER BY level DESC, id`)).map(toGrid);
}

/** One grid, locked for the change the caller is about to make (retired or not). */
export async function getGridForUpdate(q: Queryable, id: string): Promise<Grid | undefined> {
  const [row] = await q.query<GridRow>(`SELECT ${GRID_COLUMNS} FROM grids WHERE id = $1 FOR UPDATE`, [id]);
  return row && toGrid(row);
}

export async function insertGrid(q: Queryable, g: Grid): Promise<Grid> {
  const [row] = await q.query<GridRow>(
    `INSERT INTO grids (id, code, name, level, parent_id, ring, leader, contacts) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING ${GRID_COLUMNS}`,
    [g.id, g.code ?? g.id, g.name, g.level, g.parentId, JSON.stringify(g.ring), g.leader, JSON.stringify(g.contacts)],
  );
  return toGrid(row!);
}

/** Writes the grid as given (its whole record) and moves its version on by one; retiredAt as given. */
export async function saveGrid(q: Queryable, g: Grid): Promise<Grid> {
  const [row] = await q.query<GridRow>(
    `UPDATE grids SET code = $2, name = $3, level = $4, parent_id = $5, ring = $6, leader = $7, contacts = $8,
       retired_at = $9, version = version + 1
     WHERE id = $1 RETURNING ${GRID_COLUMNS}`,
    [g.id, g.code ?? g.id, g.name, g.level, g.parentId, JSON.stringify(g.ring), g.leader, JSON.stringify(g.contacts), g.retiredAt ?? null],
  );
  return toGrid(row!);
}

const STATION_COLUMNS = 'id, code, name, kind, lat, lon, standing_crew_force, standing_crew_mode, version, retired_at';
type StationRow = Omit<Station, 'standingCrew' | 'retiredAt'> & {
  standing_crew_force: Force | null;
  standing_crew_mode: Mode | null;
  retired_at: Date | string | null;
};
const toStation = ({ standing_crew_force: force, standing_crew_mode: mode, retired_at, ...s }: StationRow): Station => ({
  ...s,
  standingCrew: force && mode ? { force, mode } : null,
  retiredAt: iso(retired_at),
});

export async function listStations(q: Queryable, withRetired = false): Promise<Station[]> {
  const where = withRetired ? '' : 'WHERE retired_at IS NULL';
  return (await q.query<StationRow>(`SELECT ${STATION_COLUMNS} FROM stations ${where} ORDER BY id`)).map(toStation);
}

export async function getStationForUpdate(q: Queryable, id: string): Promise<Station | undefined> {
  const [row] = await q.query<StationRow>(`SELECT ${STATION_COLUMNS} FROM stations WHERE id = $1 FOR UPDATE`, [id]);
  return row && toStation(row);
}

/** Sets or clears (null) a station's standing crew; the station as it is now, or undefined when there is none with this id. */
export async function setStandingCrew(q: Queryable, stationId: string, crew: StandingCrew | null): Promise<Station | undefined> {
  const [row] = await q.query<StationRow>(`UPDATE stations SET standing_crew_force = $2, standing_crew_mode = $3 WHERE id = $1 RETURNING ${STATION_COLUMNS}`, [
    stationId,
    crew?.force ?? null,
    crew?.mode ?? null,
  ]);
  return row && toStation(row);
}

export async function listTeams(q: Queryable): Promise<Team[]> {
  // Retired teams stay for history (units and analytics refer to them) but leave every screen.
  return q.query<Team>('SELECT id, name, force FROM teams WHERE retired_at IS NULL ORDER BY name');
}

export async function insertStation(q: Queryable, s: Station): Promise<Station> {
  const [row] = await q.query<StationRow>(
    `INSERT INTO stations (id, code, name, kind, lat, lon, standing_crew_force, standing_crew_mode) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
     RETURNING ${STATION_COLUMNS}`,
    [s.id, s.code ?? s.id, s.name, s.kind, s.lat, s.lon, s.standingCrew?.force ?? null, s.standingCrew?.mode ?? null],
  );
  return toStation(row!);
}

/** Writes the station's code, name, kind, position and retirement, and moves its version on by one. */
export async function saveStation(q: Queryable, s: Station): Promise<Station> {
  const [row] = await q.query<StationRow>(
    `UPDATE stations SET code = $2, name = $3, kind = $4, lat = $5, lon = $6, retired_at = $7, version = version + 1
     WHERE id = $1 RETURNING ${STATION_COLUMNS}`,
    [s.id, s.code ?? s.id, s.name, s.kind, s.lat, s.lon, s.retiredAt ?? null],
  );
  return toStation(row!);
}

export async function insertTeam(q: Queryable, t: Team): Promise<void> {
  await q.query('INSERT INTO teams (id, name, force) VALUES ($1,$2,$3)', [t.id, t.name, t.force]);
}
