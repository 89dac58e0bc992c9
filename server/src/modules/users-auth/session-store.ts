import { randomBytes } from 'node:crypto';
import type { Role, SessionEndReason, SessionInfo } from '@lianfang/shared';
import type { Database, Queryable } from '../../db/database.js';
import type { SessionClaims, SessionTokens } from './session-tokens.js';

/** Where a login came from, kept so that an administrator can tell two logins of one user apart. */
export interface LoginOrigin {
  address: string | null;
  userAgent: string | null;
}

interface OpenRow {
  sid: string;
  uid: string;
  username: string;
  role: Role;
  team_id: string | null;
  unit_id: string | null;
  expires_at: Date;
}
interface SessionRow {
  id: string;
  user_id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  address: string | null;
  user_agent: string | null;
}

/** A session's last-seen time is written at most this often: a write per request would cost more than the check. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Server-side sessions (migration 017). Every request and socket handshake is
 * checked against the row and the user as they are now, so a logout, a disabled
 * user, a new role or password ends a login at once, on every instance. Sockets
 * already open are ended by whoever ends the session (`onEnded`, this instance)
 * and by the sweep of the other instances (session-sweep.ts).
 */
export class SessionStore {
  private readonly touched = new Map<string, number>();
  private readonly endedListeners: ((sids: readonly string[], reason: SessionEndReason) => void)[] = [];

  constructor(
    private readonly db: Database,
    readonly tokens: SessionTokens,
    private readonly hours: number,
  ) {}

  /** A new login: the row, and the signed token that names it (shown to the client once). */
  async open(userId: string, origin: LoginOrigin, now = Date.now()): Promise<{ token: string; sid: string; expiresAt: number }> {
    const sid = randomBytes(18).toString('base64url');
    const expiresAt = now + this.hours * 3600_000;
    await this.db.query('INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, address, user_agent) VALUES ($1, $2, $3, $3, $4, $5, $6)', [
      sid,
      userId,
      new Date(now),
      new Date(expiresAt),
      origin.address?.slice(0, 64) ?? null,
      origin.userAgent?.slice(0, 256) ?? null,
    ]);
    return { token: this.tokens.sign({ sid, exp: expiresAt }), sid, expiresAt };
  }

  /** The login a token stands for, or null: forged, expired, ended, or its user disabled. */
  async resolve(token: string | undefined, now = Date.now()): Promise<SessionClaims | null> {
    const claims = this.tokens.verify(token, now);
    if (!claims) return null;
    const [row] = await this.db.query<OpenRow>(
      `SELECT s.id AS sid, u.id AS uid, u.username, u.role, u.team_id, u.unit_id, s.expires_at
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.ended_at IS NULL AND s.expires_at > $2 AND NOT u.disabled`,
      [claims.sid, new Date(now)],
    );
    if (!row) return null;
    this.touch(row.sid, now);
    return { sid: row.sid, uid: row.uid, username: row.username, role: row.role, teamId: row.team_id, unitId: row.unit_id, exp: row.expires_at.getTime() };
  }

  /** Ends one session of a user (in the caller's transaction); returns the ids ended. Call `announce` after the commit. */
  async end(q: Queryable, userId: string, sid: string, reason: SessionEndReason): Promise<string[]> {
    const rows = await q.query<{ id: string }>(
      'UPDATE sessions SET ended_at = now(), ended_reason = $3 WHERE id = $1 AND user_id = $2 AND ended_at IS NULL RETURNING id',
      [sid, userId, reason],
    );
    return rows.map((r) => r.id);
  }

  /** Ends every open session of a user but `except` (in the caller's transaction). Call `announce` after the commit. */
  async endAllOf(q: Queryable, userId: string, reason: SessionEndReason, except?: string): Promise<string[]> {
    const rows = await q.query<{ id: string }>(
      'UPDATE sessions SET ended_at = now(), ended_reason = $2 WHERE user_id = $1 AND ended_at IS NULL AND id <> $3 RETURNING id',
      [userId, reason, except ?? ''],
    );
    return rows.map((r) => r.id);
  }

  /** Tells this instance's listeners (its sockets) which sessions just ended; other instances find out by their sweep. */
  announce(sids: readonly string[], reason: SessionEndReason): void {
    if (sids.length === 0) return;
    for (const sid of sids) this.touched.delete(sid);
    for (const listener of this.endedListeners) listener(sids, reason);
  }

  onEnded(listener: (sids: readonly string[], reason: SessionEndReason) => void): void {
    this.endedListeners.push(listener);
  }

  /** Of these sessions, the ones still open (the socket sweep asks this for every socket it holds). */
  async stillOpen(sids: readonly string[], now = Date.now()): Promise<Set<string>> {
    if (sids.length === 0) return new Set();
    const rows = await this.db.query<{ id: string }>(
      `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = ANY($1::text[]) AND s.ended_at IS NULL AND s.expires_at > $2 AND NOT u.disabled`,
      [sids, new Date(now)],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** A user's open sessions, newest first. */
  async list(userId: string, currentSid: string | null, now = Date.now()): Promise<SessionInfo[]> {
    const rows = await this.db.query<SessionRow>(
      `SELECT id, user_id, created_at, last_seen_at, expires_at, address, user_agent FROM sessions
        WHERE user_id = $1 AND ended_at IS NULL AND expires_at > $2 ORDER BY created_at DESC`,
      [userId, new Date(now)],
    );
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      createdAt: r.created_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      address: r.address,
      userAgent: r.user_agent,
      current: r.id === currentSid,
    }));
  }

  /** Open sessions per user (the administrator's user list). */
  async openCounts(now = Date.now()): Promise<Map<string, number>> {
    const rows = await this.db.query<{ user_id: string; n: number }>(
      'SELECT user_id, count(*)::int AS n FROM sessions WHERE ended_at IS NULL AND expires_at > $1 GROUP BY user_id',
      [new Date(now)],
    );
    return new Map(rows.map((r) => [r.user_id, r.n]));
  }

  /** Last seen, on a slow beat and off the request's path: a failed write only delays the next one. */
  private touch(sid: string, now: number): void {
    const last = this.touched.get(sid);
    if (last !== undefined && now - last < TOUCH_EVERY_MS) return;
    this.touched.set(sid, now);
    if (this.touched.size > 100_000) this.touched.clear();
    this.db.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1', [sid, new Date(now)]).catch(() => this.touched.delete(sid));
  }
}
