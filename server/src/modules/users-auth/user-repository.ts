import { randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { CreateUser, User } from '@lianfang/shared';
import type { Queryable } from '../../db/database.js';

interface UserRow {
  id: string;
  username: string;
  role: User['role'];
  team_id: string | null;
  unit_id: string | null;
  password_hash: string;
  disabled: boolean;
  display_name: string | null;
}

const toUser = (r: UserRow): User => ({ id: r.id, username: r.username, role: r.role, teamId: r.team_id, unitId: r.unit_id });

export async function createUser(q: Queryable, input: CreateUser): Promise<User> {
  const passwordHash = await hash(input.password);
  const [row] = await q.query<UserRow>('INSERT INTO users (id, username, password_hash, role, team_id, unit_id) VALUES ($1,$2,$3,$4,$5,$6) RETURNING *', [
    randomUUID(),
    input.username,
    passwordHash,
    input.role,
    input.teamId ?? null,
    input.unitId ?? null,
  ]);
  return toUser(row!);
}

export async function listUsers(q: Queryable): Promise<User[]> {
  return (await q.query<UserRow>('SELECT * FROM users ORDER BY username')).map(toUser);
}

/** Verifies the password; unknown users cost the same argon2 time so timing does not reveal them. */
export async function checkLogin(q: Queryable, username: string, password: string): Promise<User | null> {
  const [row] = await q.query<UserRow>('SELECT * FROM users WHERE username = $1', [username]);
  if (!row || row.disabled) {
    await verify(await dummyHash(), password).catch(() => false);
    return null;
  }
  return (await verify(row.password_hash, password).catch(() => false)) ? toUser(row) : null;
}

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hash(randomBytes(16).toString('hex')));

/** First start: create `admin` if there is no user at all. Returns the password when it was generated. */
export async function ensureAdmin(q: Queryable, password: string | undefined): Promise<{ created: boolean; generatedPassword: string | null }> {
  const [row] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if (row!.n > 0) return { created: false, generatedPassword: null };
  const generated = password ? null : generatedPassword();
  await createUser(q, { username: 'admin', password: password ?? generated!, role: 'admin' });
  return { created: true, generatedPassword: generated };
}

export async function loadOrCreateSecret(q: Queryable, key: string): Promise<string> {
  await q.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, randomBytes(32).toString('base64url')]);
  const [row] = await q.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
  return row!.value;
}

export interface ManagedUserRow {
  user: User;
  disabled: boolean;
  displayName: string | null;
}

export async function getManagedUser(q: Queryable, id: string): Promise<ManagedUserRow | null> {
  const [row] = await q.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
  return row ? { user: toUser(row), disabled: row.disabled, displayName: row.display_name } : null;
}

export async function listManagedUsers(q: Queryable): Promise<ManagedUserRow[]> {
  return (await q.query<UserRow>('SELECT * FROM users ORDER BY username')).map((r) => ({ user: toUser(r), disabled: r.disabled, displayName: r.display_name }));
}

/** Enabled admins other than `except`: an administrator may not lock the district out of its own console. */
export async function otherEnabledAdmins(q: Queryable, except: string): Promise<number> {
  const [row] = await q.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled AND id <> $1", [except]);
  return row!.n;
}

export async function updateUser(
  q: Queryable,
  id: string,
  next: { role: User['role']; teamId: string | null; unitId: string | null; disabled: boolean },
): Promise<void> {
  await q.query('UPDATE users SET role = $2, team_id = $3, unit_id = $4, disabled = $5 WHERE id = $1', [
    id,
    next.role,
    next.teamId,
    next.unitId,
    next.disabled,
  ]);
}

export async function setPassword(q: Queryable, id: string, password: string): Promise<void> {
  await q.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, await hash(password)]);
}

export async function verifyPassword(q: Queryable, id: string, password: string): Promise<boolean> {
  const [row] = await q.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1 AND NOT disabled', [id]);
  return row ? verify(row.password_hash, password).catch(() => false) : false;
}

/** A password for an administrator's reset: 16 random characters, shown once. */
export const generatedPassword = () => randomBytes(12).toString('base64url');
