import type { Queryable } from '../../db/database.js';
import { DomainError } from '../domain-errors.js';

/**
 * Idempotent commands: the first reply to (actor, key) is kept in the same transaction as the
 * change, and a replay returns it untouched. Keys are per actor, so two users' queues never meet.
 * Call inside the command's transaction (the command bus holds the seq lock, so two replays of
 * one key cannot both miss the receipt; the primary key is the last line of defence).
 */
export async function findReceipt<T>(q: Queryable, actor: string, key: string, command: string): Promise<T | null> {
  const rows = await q.query<{ command: string; reply: T }>('SELECT command, reply FROM command_receipts WHERE actor = $1 AND idempotency_key = $2', [
    actor,
    key,
  ]);
  const row = rows[0];
  if (!row) return null;
  if (row.command !== command) throw new DomainError('conflict', `idempotencyKey: already used for ${row.command}`, 'idempotencyKey');
  return row.reply;
}

export async function saveReceipt(q: Queryable, actor: string, key: string, command: string, reply: object): Promise<void> {
  await q.query('INSERT INTO command_receipts (actor, idempotency_key, command, reply) VALUES ($1, $2, $3, $4)', [actor, key, command, JSON.stringify(reply)]);
}
