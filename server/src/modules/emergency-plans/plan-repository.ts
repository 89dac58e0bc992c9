import { DEFAULT_EMERGENCY_PLANS, type EmergencyPlan, type EmergencyPlanContent, type EmergencyPlanVersion } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';

interface PlanRow {
  id: string;
  version: number;
  content: EmergencyPlanContent;
  retired_at: string | Date | null;
  updated_at: string | Date;
  updated_by: string | null;
}

const iso = (t: string | Date) => new Date(t).toISOString();
const toPlan = (r: PlanRow): EmergencyPlan => ({
  id: r.id,
  ...r.content,
  version: r.version,
  retired: r.retired_at !== null,
  updatedAt: iso(r.updated_at),
  updatedBy: r.updated_by,
});
const COLUMNS = 'id, version, content, retired_at, updated_at, updated_by';

/**
 * The three default plans, written once per database (a retired default stays retired: the row
 * is there, so ON CONFLICT keeps it). Safe on every start and on every instance at once.
 */
export async function seedDefaultPlans(q: Queryable): Promise<void> {
  for (const { id, ...content } of DEFAULT_EMERGENCY_PLANS) {
    const inserted = await q.query<{ id: string }>(
      `INSERT INTO emergency_plans (id, content, updated_by) VALUES ($1, $2, 'system') ON CONFLICT (id) DO NOTHING RETURNING id`,
      [id, JSON.stringify(content)],
    );
    if (inserted.length > 0)
      await q.query(`INSERT INTO emergency_plan_versions (plan_id, version, content, saved_by) VALUES ($1, 1, $2, 'system')`, [id, JSON.stringify(content)]);
  }
}

export async function listPlans(q: Queryable, includeRetired: boolean): Promise<EmergencyPlan[]> {
  const rows = await q.query<PlanRow>(
    `SELECT ${COLUMNS} FROM emergency_plans ${includeRetired ? '' : 'WHERE retired_at IS NULL'} ORDER BY retired_at NULLS FIRST, content->'name'->>'zh-CN'`,
  );
  return rows.map(toPlan);
}

/** The plan, locked for the change in hand (a save, a retirement or a start reads the row it acts on). */
export async function getPlan(q: Queryable, id: string, lock = false): Promise<EmergencyPlan | undefined> {
  const [row] = await q.query<PlanRow>(`SELECT ${COLUMNS} FROM emergency_plans WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return row && toPlan(row);
}

/** Writes a new version (the first when `version` is 1) and keeps it in the history. */
export async function savePlanVersion(
  q: Queryable,
  id: string,
  version: number,
  content: EmergencyPlanContent,
  retired: boolean,
  actor: string,
): Promise<EmergencyPlan> {
  const json = JSON.stringify(content);
  const [row] = await q.query<PlanRow>(
    `INSERT INTO emergency_plans (id, version, content, retired_at, updated_at, updated_by)
     VALUES ($1, $2, $3, CASE WHEN $4 THEN now() END, now(), $5)
     ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, content = EXCLUDED.content,
       retired_at = EXCLUDED.retired_at, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
     RETURNING ${COLUMNS}`,
    [id, version, json, retired, actor],
  );
  await q.query('INSERT INTO emergency_plan_versions (plan_id, version, content, retired, saved_by) VALUES ($1, $2, $3, $4, $5)', [
    id,
    version,
    json,
    retired,
    actor,
  ]);
  return toPlan(row!);
}

export async function listPlanVersions(q: Queryable, id: string): Promise<EmergencyPlanVersion[]> {
  const rows = await q.query<{ version: number; content: EmergencyPlanContent; retired: boolean; saved_at: string | Date; saved_by: string | null }>(
    'SELECT version, content, retired, saved_at, saved_by FROM emergency_plan_versions WHERE plan_id = $1 ORDER BY version DESC',
    [id],
  );
  return rows.map((r) => ({ ...r.content, version: r.version, retired: r.retired, savedAt: iso(r.saved_at), savedBy: r.saved_by }));
}
