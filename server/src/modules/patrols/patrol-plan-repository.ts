import type { PatrolPlan } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';

interface Row {
  id: string;
  unit_id: string;
  name: string;
  kind: PatrolPlan['kind'];
  from_hhmm: string;
  to_hhmm: string;
  post: PatrolPlan['post'];
  checkpoints: PatrolPlan['checkpoints'];
  deviating_since: Date | null;
  shift_key: string | null;
  code: string;
  version: number;
  retired_at: Date | string | null;
}

const toPlan = (r: Row): PatrolPlan => ({
  id: r.id,
  unitId: r.unit_id,
  name: r.name,
  kind: r.kind,
  from: r.from_hhmm,
  to: r.to_hhmm,
  post: r.post,
  checkpoints: r.checkpoints,
  deviatingSince: r.deviating_since?.toISOString() ?? null,
  shiftKey: r.shift_key,
  code: r.code,
  version: r.version,
  retiredAt: r.retired_at ? new Date(r.retired_at).toISOString() : null,
});

/** The plans in service (the live picture's); `withRetired`: the console's import sees them all. */
export async function listPatrolPlans(q: Queryable, withRetired = false): Promise<PatrolPlan[]> {
  const where = withRetired ? '' : 'WHERE retired_at IS NULL';
  return (await q.query<Row>(`SELECT * FROM patrol_plans ${where} ORDER BY unit_id, from_hhmm, id`)).map(toPlan);
}

/** One plan, locked for the change the caller is about to make (retired or not). */
export async function getPatrolPlanForUpdate(q: Queryable, id: string): Promise<PatrolPlan | undefined> {
  const [row] = await q.query<Row>('SELECT * FROM patrol_plans WHERE id = $1 FOR UPDATE', [id]);
  return row && toPlan(row);
}

/** Another plan in service with this code, if any (codes are unique among those in service). */
export async function patrolPlanWithCode(q: Queryable, code: string, exceptId: string): Promise<PatrolPlan | undefined> {
  const [row] = await q.query<Row>('SELECT * FROM patrol_plans WHERE code = $1 AND id <> $2 AND retired_at IS NULL', [code, exceptId]);
  return row && toPlan(row);
}

/**
 * Writes what the console keeps (code, unit, name, hours, post, checkpoints, retirement) and
 * moves the version on by one. The duty state (deviation, check-ins) is the watcher's: a plan
 * changed or brought back starts its shift afresh.
 */
export async function savePatrolPlan(q: Queryable, p: PatrolPlan): Promise<PatrolPlan> {
  const [row] = await q.query<Row>(
    `UPDATE patrol_plans SET code = $2, unit_id = $3, name = $4, from_hhmm = $5, to_hhmm = $6, post = $7, checkpoints = $8, retired_at = $9,
       deviating_since = NULL, shift_key = NULL, version = version + 1
     WHERE id = $1 RETURNING *`,
    [
      p.id,
      p.code ?? p.id,
      p.unitId,
      p.name,
      p.from,
      p.to,
      p.post ? JSON.stringify(p.post) : null,
      JSON.stringify(p.checkpoints.map((c) => ({ ...c, checkedInAt: null }))),
      p.retiredAt ?? null,
    ],
  );
  return toPlan(row!);
}

export async function getPatrolPlan(q: Queryable, id: string): Promise<PatrolPlan | null> {
  const [row] = await q.query<Row>('SELECT * FROM patrol_plans WHERE id = $1', [id]);
  return row ? toPlan(row) : null;
}

export async function insertPatrolPlan(q: Queryable, p: Omit<PatrolPlan, 'deviatingSince' | 'shiftKey' | 'version' | 'retiredAt'>): Promise<PatrolPlan> {
  const [row] = await q.query<Row>(
    'INSERT INTO patrol_plans (id, code, unit_id, name, kind, from_hhmm, to_hhmm, post, checkpoints) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING *',
    [p.id, p.code ?? p.id, p.unitId, p.name, p.kind, p.from, p.to, p.post ? JSON.stringify(p.post) : null, JSON.stringify(p.checkpoints)],
  );
  return toPlan(row!);
}

export async function saveDutyState(q: Queryable, p: Pick<PatrolPlan, 'id' | 'checkpoints' | 'deviatingSince' | 'shiftKey'>): Promise<PatrolPlan> {
  const [row] = await q.query<Row>('UPDATE patrol_plans SET checkpoints = $2, deviating_since = $3, shift_key = $4 WHERE id = $1 RETURNING *', [
    p.id,
    JSON.stringify(p.checkpoints),
    p.deviatingSince,
    p.shiftKey,
  ]);
  return toPlan(row!);
}
