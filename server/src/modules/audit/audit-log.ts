import type { Queryable } from '../../db/database.js';

/** The actor of a change made by a logged-in person, as timelines write it too: `user:<username>`. */
export const userActor = (session: { username: string } | null) => `user:${session?.username ?? 'unknown'}`;

/** Who changed what, written in the same transaction as the change. Never holds passwords, keys or tracker ids. */
export async function recordAudit(q: Queryable, actor: string, action: string, target: string | null, data: object = {}): Promise<void> {
  const safe = Object.fromEntries(Object.entries(data).filter(([k]) => !/password|key|token|secret|tracker/i.test(k)));
  await q.query('INSERT INTO audit_log (actor, action, target, data) VALUES ($1, $2, $3, $4)', [actor, action, target, JSON.stringify(safe)]);
}
