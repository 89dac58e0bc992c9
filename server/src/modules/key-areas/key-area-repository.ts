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
  created_at: Date;
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
  createdAt: r.created_at.toISOString(),
});

export async function listKeyAreas(q: Queryable): Promise<KeyArea[]> {
  return (await q.query<Row>('SELECT * FROM key_areas ORDER BY name')).map(toKeyArea);
}

export async function insertKeyArea(q: Queryable, a: Pick<KeyArea, 'id' | 'name' | 'ring' | 'everyMinutes' | 'from' | 'to'>): Promise<KeyArea> {
  const [row] = await q.query<Row>('INSERT INTO key_areas (id, name, ring, every_minutes, from_hhmm, to_hhmm) VALUES ($1,$2,$3,$4,$5,$6) RETURNING *', [
    a.id,
    a.name,
    JSON.stringify(a.ring),
    a.everyMinutes,
    a.from,
    a.to,
  ]);
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
