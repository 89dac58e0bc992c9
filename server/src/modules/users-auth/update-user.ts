import type { ManagedUser, SessionEndReason, UpdateUser } from '@lianfang/shared';
import { DomainError, notFound, unprocessable } from '../domain-errors.js';
import { recordAudit, userActor } from '../audit/audit-log.js';
import type { SessionClaims } from './session-tokens.js';
import { getManagedUser, otherEnabledAdmins, updateUser } from './user-repository.js';
import { assertUserReferences } from './user-references.js';
import type { AccountDeps } from './account-deps.js';

/**
 * An administrator changes a user. What a login may see or do is read from the
 * user on every request, but a change of role, team or unit, or disabling, also
 * ends every open login of the user, so no screen goes on with yesterday's rights.
 */
export async function updateUserCommand(deps: AccountDeps, actor: SessionClaims, id: string, change: UpdateUser): Promise<ManagedUser> {
  const { result, ended, reason } = await deps.db.tx(async (q) => {
    const found = await getManagedUser(q, id);
    if (!found) throw notFound('user');
    const before = { ...found.user, disabled: found.disabled };
    const next = {
      role: change.role ?? before.role,
      teamId: change.teamId === undefined ? before.teamId : change.teamId,
      unitId: change.unitId === undefined ? before.unitId : change.unitId,
      disabled: change.disabled ?? before.disabled,
    };
    const losesAdmin = before.role === 'admin' && !before.disabled && (next.role !== 'admin' || next.disabled);
    if (losesAdmin && (await otherEnabledAdmins(q, id)) === 0) {
      throw new DomainError('conflict', `${next.disabled ? 'disabled' : 'role'}: this is the last enabled administrator`, next.disabled ? 'disabled' : 'role');
    }
    if (next.role === 'captain' && !next.teamId && !next.unitId) throw unprocessable('unitId', 'a captain needs a unit or team');
    await assertUserReferences(q, next);
    await updateUser(q, id, next);
    const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => before[k as keyof typeof before] !== v));
    if (Object.keys(changed).length > 0) await recordAudit(q, userActor(actor), 'user.update', id, changed);
    const reason: SessionEndReason | null =
      next.disabled && !before.disabled
        ? 'disabled'
        : next.role !== before.role || next.teamId !== before.teamId || next.unitId !== before.unitId
          ? 'role_changed'
          : null;
    const ended = reason ? await deps.sessions.endAllOf(q, id, reason) : [];
    return { result: { ...before, ...next }, ended, reason };
  });
  if (reason) deps.sessions.announce(ended, reason);
  const open = await deps.sessions.openCounts();
  return { ...result, activeSessions: open.get(id) ?? 0 };
}
