import type { AuditEntry, AuditQuery } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';

interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  data: Record<string, unknown>;
}

/** Newest first. `action` ending in a dot is a prefix (`incident.` = every incident command). */
export async function listAudit(q: Queryable, query: AuditQuery): Promise<AuditEntry[]> {
  const action = query.action ?? null;
  const rows = await q.query<AuditRow>(
    `SELECT id, at, actor, action, target, data FROM audit_log
     WHERE ($1::text IS NULL OR action = $1 OR (right($1, 1) = '.' AND starts_with(action, $1)))
       AND ($2::text IS NULL OR actor = $2)
     ORDER BY id DESC LIMIT $3`,
    [action, query.actor ?? null, query.limit ?? 100],
  );
  return rows.map((r) => ({ id: Number(r.id), at: r.at.toISOString(), actor: r.actor, action: r.action, target: r.target, data: r.data }));
}
