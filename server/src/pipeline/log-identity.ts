import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.js';

/**
 * The name of the history the event log mirrors, kept in the database it
 * mirrors (a `settings` row, so it needs no migration and travels with every
 * backup). A new database gets a new name; a restored backup brings back the
 * name of the day it was taken, and the binding (log-binding.ts) renames it
 * when the stream shows the database went back in time.
 */
export const LOG_IDENTITY_KEY = 'event_log_identity';

/** 12 characters of [A-Za-z0-9_-]: part of a Redis key, readable in a log line. */
const mint = () => randomBytes(9).toString('base64url');

/** Created once by whichever instance comes first; every other instance reads the same row. */
export async function loadOrCreateLogIdentity(q: Queryable): Promise<string> {
  await q.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [LOG_IDENTITY_KEY, mint()]);
  return (await readLogIdentity(q))!;
}

export async function readLogIdentity(q: Queryable): Promise<string | null> {
  const [row] = await q.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [LOG_IDENTITY_KEY]);
  return row?.value ?? null;
}

/**
 * Gives the database a new history name, unless another instance already
 * replaced `old` (compare-and-set: instances that start together agree on one).
 * Returns the name now in force.
 */
export async function renameLogIdentity(q: Queryable, old: string): Promise<string> {
  await q.query('UPDATE settings SET value = $3 WHERE key = $1 AND value = $2', [LOG_IDENTITY_KEY, old, mint()]);
  return (await readLogIdentity(q))!;
}
