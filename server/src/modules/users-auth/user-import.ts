import { hash } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import {
  UserImportRowSchema,
  type ImportProblem,
  type ImportRow,
  type OneTimeSecret,
  type Role,
  type SessionEndReason,
  type UserImportRow,
} from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';
import { recordAudit } from '../audit/audit-log.js';
import { readCells } from '../csv-cells.js';
import { importRowChecker, rejectedRow, type RowInFile } from '../import-row-check.js';
import type { ImportStage } from '../import-stages.js';
import type { SessionStore } from './session-store.js';
import { generatedPassword, updateUser } from './user-repository.js';

interface KnownUser {
  id: string;
  username: string;
  role: Role;
  team_id: string | null;
  unit_id: string | null;
  disabled: boolean;
  display_name: string | null;
}

interface Next {
  role: Role;
  teamId: string | null;
  unitId: string | null;
  disabled: boolean;
  displayName: string | null;
}

type Plan = { row: number; username: string; next: Next; known: KnownUser | null };

const checkRow = importRowChecker<UserImportRow>(UserImportRowSchema, 'username');
const enabledAdmin = (u: { role: Role; disabled: boolean }) => u.role === 'admin' && !u.disabled;

/**
 * Users by username: a new one is created with a generated password (in the report once, for the
 * administrator to hand out), a known one gets the role, team, unit, display name and disabled
 * flag of its row (empty cells keep what it has), never a password. Teams by name or id, units by
 * callsign. Like the console's user edit, a change of role, team or unit, or disabling, ends the
 * user's open logins; and no file may leave the district without an enabled administrator.
 */
export function userImportStage(items: readonly RowInFile[], sessions: Pick<SessionStore, 'endAllOf' | 'announce'>): ImportStage {
  return async (q, { actor, dryRun }) => {
    const { rows, plans } = await planUsers(q, items);
    const secrets: OneTimeSecret[] = [];
    const ended: { sids: string[]; reason: SessionEndReason }[] = [];
    // argon2 runs on libuv's thread pool: thousands of new users hash side by side, not one by one.
    // A dry run is rolled back: it needs the rows (later files name them), not the slow hashes.
    const fresh = new Map(
      await Promise.all(
        plans
          .filter((p) => !p.known)
          .map(async (p) => {
            const password = generatedPassword();
            return [p.username, { password, passwordHash: dryRun ? '!' : await hash(password) }] as const;
          }),
      ),
    );
    for (const p of plans) {
      if (!p.known) {
        const { password, passwordHash } = fresh.get(p.username)!;
        const id = randomUUID();
        await q.query('INSERT INTO users (id, username, password_hash, role, team_id, unit_id, disabled, display_name) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)', [
          id,
          p.username,
          passwordHash,
          p.next.role,
          p.next.teamId,
          p.next.unitId,
          p.next.disabled,
          p.next.displayName,
        ]);
        await recordAudit(q, actor, 'user.create', id, { username: p.username, role: p.next.role, import: true });
        secrets.push({ row: p.row, key: p.username, secret: password });
        continue;
      }
      const before: Next = {
        role: p.known.role,
        teamId: p.known.team_id,
        unitId: p.known.unit_id,
        disabled: p.known.disabled,
        displayName: p.known.display_name,
      };
      await updateUser(q, p.known.id, p.next);
      await q.query('UPDATE users SET display_name = $2 WHERE id = $1', [p.known.id, p.next.displayName]);
      const changed = Object.fromEntries(Object.entries(p.next).filter(([k, v]) => before[k as keyof Next] !== v));
      await recordAudit(q, actor, 'user.update', p.known.id, { ...changed, username: p.username, import: true });
      const reason: SessionEndReason | null =
        p.next.disabled && !before.disabled
          ? 'disabled'
          : p.next.role !== before.role || p.next.teamId !== before.teamId || p.next.unitId !== before.unitId
            ? 'role_changed'
            : null;
      if (reason) ended.push({ sids: await sessions.endAllOf(q, p.known.id, reason), reason });
    }
    return { kind: 'users', rows, events: [], secrets, afterCommit: () => ended.forEach((e) => sessions.announce(e.sids, e.reason)) };
  };
}

async function planUsers(q: Queryable, items: readonly RowInFile[]): Promise<{ rows: ImportRow[]; plans: Plan[] }> {
  // one after another: inside the import's transaction there is one connection
  const users = await q.query<KnownUser>('SELECT id, username, role, team_id, unit_id, disabled, display_name FROM users');
  const teams = await q.query<{ id: string; name: string }>('SELECT id, name FROM teams WHERE retired_at IS NULL');
  const units = await q.query<{ id: string; callsign: string }>('SELECT id, callsign FROM units WHERE retired_at IS NULL');
  const byUsername = new Map(users.map((u) => [u.username, u]));
  const teamOf = (ref: string) => teams.find((t) => t.id === ref) ?? teams.find((t) => t.name === ref) ?? null;
  const unitOf = (callsign: string) => units.find((u) => u.callsign === callsign) ?? null;
  const rows: ImportRow[] = [];
  const plans: Plan[] = [];
  const inFile = new Set<string>();
  for (const item of items) {
    const cells = readCells(item.raw, { yesNo: ['disabled'] });
    const checked = checkRow(cells.raw);
    const r = checked.row;
    const readProblems = [...(item.problems ?? []), ...cells.problems];
    if (readProblems.length > 0 || !r) {
      rows.push(rejectedRow(item.row, checked.key, readProblems.length > 0 ? readProblems : checked.problems));
      continue;
    }
    const problems: ImportProblem[] = [];
    if (inFile.has(r.username))
      problems.push({ field: 'username', message: 'appears twice in this file', code: 'twice_in_file', params: { value: r.username } });
    inFile.add(r.username);
    const team = r.team ? teamOf(r.team) : null;
    if (r.team && !team) problems.push({ field: 'team', message: `no team named ${r.team}`, code: 'unknown_team', params: { value: r.team } });
    const unit = r.unit ? unitOf(r.unit) : null;
    if (r.unit && !unit) problems.push({ field: 'unit', message: `no unit with callsign ${r.unit}`, code: 'unknown_unit', params: { value: r.unit } });
    const known = byUsername.get(r.username) ?? null;
    const next: Next = {
      role: r.role,
      teamId: team?.id ?? known?.team_id ?? null,
      unitId: unit?.id ?? known?.unit_id ?? null,
      disabled: r.disabled ?? known?.disabled ?? false,
      displayName: r.displayName ?? known?.display_name ?? null,
    };
    if (next.role === 'captain' && !next.teamId && !next.unitId && problems.length === 0)
      problems.push({ field: 'team', message: 'a captain needs a team or a unit', code: 'captain_needs_team' });
    if (problems.length > 0) {
      rows.push(rejectedRow(item.row, r.username, problems));
      continue;
    }
    const same =
      known &&
      known.role === next.role &&
      known.team_id === next.teamId &&
      known.unit_id === next.unitId &&
      known.disabled === next.disabled &&
      known.display_name === next.displayName;
    rows.push({ row: item.row, key: r.username, action: !known ? 'create' : same ? 'unchanged' : 'update', problems: [] });
    if (!same) plans.push({ row: item.row, username: r.username, next, known });
  }
  return keepAnAdmin(users, rows, plans);
}

/** After the file, someone must still be able to administer the district: else the rows that took the last one away are refused. */
function keepAnAdmin(users: readonly KnownUser[], rows: ImportRow[], plans: Plan[]): { rows: ImportRow[]; plans: Plan[] } {
  const after = new Map(users.map((u) => [u.username, enabledAdmin(u)]));
  for (const p of plans) after.set(p.username, enabledAdmin(p.next));
  if ([...after.values()].some(Boolean) || !users.some(enabledAdmin)) return { rows, plans };
  const takers = new Set(plans.filter((p) => p.known && enabledAdmin(p.known)).map((p) => p.row));
  return {
    rows: rows.map((r) =>
      takers.has(r.row)
        ? rejectedRow(r.row, r.key, [{ field: 'role', message: 'this is the last enabled administrator', code: 'last_admin', params: { value: r.key ?? '' } }])
        : r,
    ),
    plans: plans.filter((p) => !takers.has(p.row)),
  };
}
