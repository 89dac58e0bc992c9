import type { Queryable } from '../../db/database.js';
import { unprocessable } from '../domain-errors.js';

/** A user's team and unit must exist. Checked by name so the 422 says which one; the insert's foreign key error would not. */
export async function assertUserReferences(q: Queryable, refs: { teamId?: string | null; unitId?: string | null }): Promise<void> {
  if (refs.teamId && (await q.query('SELECT 1 FROM teams WHERE id = $1', [refs.teamId])).length === 0) throw unprocessable('teamId', 'no such team');
  if (refs.unitId && (await q.query('SELECT 1 FROM units WHERE id = $1', [refs.unitId])).length === 0) throw unprocessable('unitId', 'no such unit');
}
