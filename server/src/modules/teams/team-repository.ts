import { randomUUID } from 'node:crypto';
import type { AdminTeam, CreateTeam, Force } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';

interface TeamRow {
  id: string;
  name: string;
  force: Force;
  version: number;
}

const COLUMNS = 'id, name, force, version';

export async function listAdminTeams(q: Queryable): Promise<AdminTeam[]> {
  return q.query<TeamRow>(`SELECT ${COLUMNS} FROM teams WHERE retired_at IS NULL ORDER BY name`);
}

export async function insertAdminTeam(q: Queryable, input: CreateTeam): Promise<AdminTeam> {
  const [row] = await q.query<TeamRow>(`INSERT INTO teams (id, name, force) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`, [randomUUID(), input.name, input.force]);
  return row!;
}

/** The team in service with that id, and its version (null: no such team, or retired). */
export async function findActiveTeam(q: Queryable, id: string): Promise<AdminTeam | null> {
  const [row] = await q.query<TeamRow>(`SELECT ${COLUMNS} FROM teams WHERE id = $1 AND retired_at IS NULL`, [id]);
  return row ?? null;
}

/** Applies a change made on `version`; null when that version is no longer current (the caller tells why). */
export async function updateTeamAt(q: Queryable, id: string, version: number, change: { name: string; force: Force }): Promise<AdminTeam | null> {
  const [row] = await q.query<TeamRow>(
    `UPDATE teams SET name = $3, force = $4, version = version + 1 WHERE id = $1 AND version = $2 AND retired_at IS NULL RETURNING ${COLUMNS}`,
    [id, version, change.name, change.force],
  );
  return row ?? null;
}

export async function retireTeamAt(q: Queryable, id: string, version: number): Promise<AdminTeam | null> {
  const [row] = await q.query<TeamRow>(
    `UPDATE teams SET retired_at = now(), version = version + 1 WHERE id = $1 AND version = $2 AND retired_at IS NULL RETURNING ${COLUMNS}`,
    [id, version],
  );
  return row ?? null;
}

export async function activeUnitsOfTeam(q: Queryable, id: string): Promise<number> {
  const [row] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM units WHERE team_id = $1 AND retired_at IS NULL', [id]);
  return row!.n;
}

export async function teamNameTaken(q: Queryable, name: string, exceptId: string | null): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM teams WHERE name = $1 AND retired_at IS NULL AND id IS DISTINCT FROM $2', [name, exceptId]);
  return rows.length > 0;
}
