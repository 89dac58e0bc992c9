import type { Grid, Station, Team } from '@lianfang/shared';
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

export async function listStations(q: Queryable): Promise<Station[]> {
  return q.query<Station>('SELECT id, name, kind, lat, lon FROM stations ORDER BY id');
}

export async function listTeams(q: Queryable): Promise<Team[]> {
  return q.query<Team>('SELECT id, name, force FROM teams ORDER BY name');
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
  await q.query('INSERT INTO stations (id, name, kind, lat, lon) VALUES ($1,$2,$3,$4,$5)', [s.id, s.name, s.kind, s.lat, s.lon]);
}

export async function insertTeam(q: Queryable, t: Team): Promise<void> {
  await q.query('INSERT INTO teams (id, name, force) VALUES ($1,$2,$3)', [t.id, t.name, t.force]);
}
