import type { KeyArea } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';

interface Row {
  id: string;
  name: string;
  ring: KeyArea['ring'];
  every_minutes: number;
  from_hhmm: string;
  to_hhmm: string;
  last_visit_at: Date | null;
  last_visit_unit_id: string | null;
  overdue_since: Date | null;
  created_at: Date | string;
  code: string;
  version: number;
  retired_at: Date | null;
}

const toKeyArea = (r: Row): KeyArea => ({
  id: r.id,
  name: r.name,
  ring: r.ring,
  everyMinutes: r.every_minutes,
  from: r.from_hhmm,
  to: r.to_hhmm,
  lastVisitAt: r.last_visit_at?.toISOString() ?? null,
  lastVisitUnitId: r.last_visit_unit_id,
  overdueSince: r.overdue_since?.toISOString() ?? null,
  createdAt: new Date(r.created_at).toISOString(),
  code: r.code,
  version: r.version,
  retiredAt: r.retired_at ? new Date(r.retired_at).toISOString() : null,
});

/** The key areas in service (the live picture's); `withRetired`: the console's import sees them all. */
export async function listKeyAreas(q: Queryable, withRetired = false): Promise<KeyArea[]> {
  const where = withRetired ? '' : 'WHERE retired_at IS NULL';
  return (await q.query<Row>(`SELECT * FROM key_areas ${where} ORDER BY name, id`)).map(toKeyArea);
}

/** One key area, locked for the change the caller is about to make (retired or not). */
export async function getKeyAreaForUpdate(q: Queryable, id: string): Promise<KeyArea | undefined> {
  const [row] = await q.query<Row>('SELECT * FROM key_areas WHERE id = $1 FOR UPDATE', [id]);
  return row && toKeyArea(row);
}

/** Another key area in service with this code, if any (codes are unique among those in service). */
export async function keyAreaWithCode(q: Queryable, code: string, exceptId: string): Promise<KeyArea | undefined> {
  const [row] = await q.query<Row>('SELECT * FROM key_areas WHERE code = $1 AND id <> $2 AND retired_at IS NULL', [code, exceptId]);
  return row && toKeyArea(row);
}

export async function insertKeyArea(
  q: Queryable,
  a: Pick<KeyArea, 'id' | 'name' | 'ring' | 'everyMinutes' | 'from' | 'to'> & { code?: string | undefined },
): Promise<KeyArea> {
  const [row] = await q.query<Row>(
    'INSERT INTO key_areas (id, code, name, ring, every_minutes, from_hhmm, to_hhmm) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING *',
    [a.id, a.code ?? a.id, a.name, JSON.stringify(a.ring), a.everyMinutes, a.from, a.to],
  );
  return toKeyArea(row!);
}

/**
 * Writes what the console keeps (code, name, ring, interval, hours, retirement) and moves the
 * version on by one; the visit state is the watcher's and stays. A key area coming back into
 * service starts its watch afresh (no overdue spell carried over from before its retirement).
 */
export async function saveKeyArea(q: Queryable, a: KeyArea): Promise<KeyArea> {
  const [row] = await q.query<Row>(
    `UPDATE key_areas SET code = $2, name = $3, ring = $4, every_minutes = $5, from_hhmm = $6, to_hhmm = $7, retired_at = $8,
       overdue_since = CASE WHEN retired_at IS NOT NULL AND $8::timestamptz IS NULL THEN NULL ELSE overdue_since END,
       version = version + 1
     WHERE id = $1 RETURNING *`,
    [a.id, a.code ?? a.id, a.name, JSON.stringify(a.ring), a.everyMinutes, a.from, a.to, a.retiredAt ?? null],
  );
  return toKeyArea(row!);
}

/** Only a newer visit moves the mark (fixes from several instances may arrive out of order); a visit ends an overdue spell. */
export async function recordVisit(q: Queryable, id: string, unitId: string, at: string): Promise<KeyArea | null> {
  const [row] = await q.query<Row>(
    `UPDATE key_areas SET last_visit_at = $3, last_visit_unit_id = $2, overdue_since = NULL
     WHERE id = $1 AND (last_visit_at IS NULL OR last_visit_at < $3) RETURNING *`,
    [id, unitId, at],
  );
  return row ? toKeyArea(row) : null;
}

/** Written once per overdue spell: with several instances only the first records it. */
export async function markOverdue(q: Queryable, id: string): Promise<KeyArea | null> {
  const [row] = await q.query<Row>('UPDATE key_areas SET overdue_since = now() WHERE id = $1 AND overdue_since IS NULL RETURNING *', [id]);
  return row ? toKeyArea(row) : null;
}
