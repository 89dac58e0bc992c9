import type { Force, Grid, Mode, StandingCrew, Station, Team } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';

export async function listGrids(q: Queryable): Promise<Grid[]> {
  const rows = await q.query<{
    id: string;
    name: string;
    level: Grid['level'];
    parent_id: string | null;
    ring: Grid['ring'];
    leader: string | null;
    contacts: Grid['contacts'];
  }>('SELECT id, name, level, parent_id, ring, leader, contacts FROM grids ORDER BY level DESC, id');
  return rows.map((r) => ({ id: r.id, name: r.name, level: r.level, parentId: r.parent_id, ring: r.ring, leader: r.leader, contacts: r.contacts }));
}

type StationRow = Omit<Station, 'standingCrew'> & { standing_crew_force: Force | null; standing_crew_mode: Mode | null };
const toStation = ({ standing_crew_force: force, standing_crew_mode: mode, ...s }: StationRow): Station => ({
  ...s,
  standingCrew: force && mode ? { force, mode } : null,
});

export async function listStations(q: Queryable): Promise<Station[]> {
  const rows = await q.query<StationRow>('SELECT id, name, kind, lat, lon, standing_crew_force, standing_crew_mode FROM stations ORDER BY id');
  return rows.map(toStation);
}

/** Sets or clears (null) a station's standing crew; the station as it is now, or undefined when there is none with this id. */
export async function setStandingCrew(q: Queryable, stationId: string, crew: StandingCrew | null): Promise<Station | undefined> {
  const [row] = await q.query<StationRow>(
    `UPDATE stations SET standing_crew_force = $2, standing_crew_mode = $3 WHERE id = $1
     RETURNING id, name, kind, lat, lon, standing_crew_force, standing_crew_mode`,
    [stationId, crew?.force ?? null, crew?.mode ?? null],
  );
  return row && toStation(row);
}

export async function listTeams(q: Queryable): Promise<Team[]> {
  // Retired teams stay for history (units and analytics refer to them) but leave every screen.
  return q.query<Team>('SELECT id, name, force FROM teams WHERE retired_at IS NULL ORDER BY name');
}

export async function insertGrid(q: Queryable, g: Grid): Promise<void> {
  await q.query('INSERT INTO grids (id, name, level, parent_id, ring, leader, contacts) VALUES ($1,$2,$3,$4,$5,$6,$7)', [
    g.id,
    g.name,
    g.level,
    g.parentId,
    JSON.stringify(g.ring),
    g.leader,
    JSON.stringify(g.contacts),
  ]);
}

export async function insertStation(q: Queryable, s: Station): Promise<void> {
  await q.query('INSERT INTO stations (id, name, kind, lat, lon, standing_crew_force, standing_crew_mode) VALUES ($1,$2,$3,$4,$5,$6,$7)', [
    s.id,
    s.name,
    s.kind,
    s.lat,
    s.lon,
    s.standingCrew?.force ?? null,
    s.standingCrew?.mode ?? null,
  ]);
}

export async function insertTeam(q: Queryable, t: Team): Promise<void> {
  await q.query('INSERT INTO teams (id, name, force) VALUES ($1,$2,$3)', [t.id, t.name, t.force]);
}
