import { Type } from '@sinclair/typebox';
import { recordAudit, userActor } from '../audit/audit-log.js';
import type { SessionClaims } from './session-tokens.js';
import type { AccountDeps } from './account-deps.js';

/** How many logins a call ended (0: it was over already). */
export const EndedReplySchema = Type.Object({ ended: Type.Integer({ minimum: 0 }) });

/** A user ends one of their own logins. Ending one's own current login is a logout. */
export async function endOwnSession(deps: AccountDeps, s: SessionClaims, sessionId: string): Promise<{ ended: number }> {
  const ended = await deps.sessions.end(deps.db, s.uid, sessionId, 'logout');
  deps.sessions.announce(ended, 'logout');
  return { ended: ended.length };
}

/** An administrator ends one login of a user, or all of them; audited with the actor. */
export async function endSessionsOf(deps: AccountDeps, actor: SessionClaims, userId: string, sessionId: string | null): Promise<{ ended: number }> {
  const ended = await deps.db.tx(async (q) => {
    const sids = sessionId ? await deps.sessions.end(q, userId, sessionId, 'ended_by_admin') : await deps.sessions.endAllOf(q, userId, 'ended_by_admin');
    if (sids.length > 0) await recordAudit(q, userActor(actor), 'user.sessions_end', userId, { count: sids.length });
    return sids;
  });
  deps.sessions.announce(ended, 'ended_by_admin');
  return { ended: ended.length };
}
