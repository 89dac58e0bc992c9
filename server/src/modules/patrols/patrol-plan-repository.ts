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
});

export async function listPatrolPlans(q: Queryable): Promise<PatrolPlan[]> {
  return (await q.query<Row>('SELECT * FROM patrol_plans ORDER BY unit_id, from_hhmm')).map(toPlan);
}

export async function getPatrolPlan(q: Queryable, id: string): Promise<PatrolPlan | null> {
  const [row] = await q.query<Row>('SELECT * FROM patrol_plans WHERE id = $1', [id]);
  return row ? toPlan(row) : null;
}

export async function insertPatrolPlan(q: Queryable, p: Omit<PatrolPlan, 'deviatingSince' | 'shiftKey'>): Promise<PatrolPlan> {
  const [row] = await q.query<Row>(
    'INSERT INTO patrol_plans (id, unit_id, name, kind, from_hhmm, to_hhmm, post, checkpoints) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING *',
    [p.id, p.unitId, p.name, p.kind, p.from, p.to, p.post ? JSON.stringify(p.post) : null, JSON.stringify(p.checkpoints)],
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
