import type { Queryable } from '../db/database.js';
import { LOG_IDENTITY_KEY, loadOrCreateLogIdentity, renameLogIdentity } from './log-identity.js';
import { currentSeq } from './outbox.js';

/** The database went back behind its stream (a restored backup): its history gets a new name, so a new stream. */
export interface Renamed {
  from: string;
  to: string;
  streamHead: number;
  databaseSeq: number;
}

/**
 * Chooses the log identity, and so the stream, this instance's database owns.
 * An entry is published only after it commits, so for one history the stream's
 * top can never be above the database's seq when the top is read first. A
 * stream that is ahead holds entries this database never committed (or lost in
 * a restore): the history is renamed and a fresh stream starts, which the
 * relay fills from the outbox tail. Instances that start together agree on one
 * name (the rename is a compare-and-set in the database).
 * `headOf` rejects when Redis is away: the identity is kept, and the log checks
 * again before its first read (RedisEventLog.checkOwnership).
 */
export async function bindLogToDatabase(db: Queryable, headOf: (identity: string) => Promise<number>, onRenamed: (r: Renamed) => void): Promise<string> {
  let identity = await loadOrCreateLogIdentity(db);
  for (let attempt = 0; attempt < 5; attempt++) {
    const streamHead = await headOf(identity).catch(() => null);
    if (streamHead === null) return identity;
    const databaseSeq = await currentSeq(db);
    if (streamHead <= databaseSeq) return identity;
    const to = await renameLogIdentity(db, identity);
    onRenamed({ from: identity, to, streamHead, databaseSeq });
    identity = to;
  }
  throw new Error('event log: the database kept falling behind its stream while binding');
}

/**
 * While running: the database still carries `identity` and is not behind the
 * stream (whose top was read before this call). False when the database was
 * replaced or restored under this instance: its picture is another history's,
 * and only a restart (which binds again) puts it right.
 */
export async function stillBound(db: Queryable, identity: string, streamHead: number): Promise<boolean> {
  const [row] = await db.query<{ seq: string; identity: string | null }>(
    'SELECT (SELECT seq FROM event_seq WHERE id = 1) AS seq, (SELECT value FROM settings WHERE key = $1) AS identity',
    [LOG_IDENTITY_KEY],
  );
  return row!.identity === identity && Number(row!.seq) >= streamHead;
}
