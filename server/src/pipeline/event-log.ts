import type { LogEntry } from '@lianfang/shared';

/**
 * The bus between server instances. Redis Stream when REDIS_URL is set, an
 * in-process log otherwise; both deliver entries in seq order, and `publish`
 * is idempotent (an entry at or below the head is skipped), which is what makes
 * the relay safe to run on every instance at once.
 */
export interface EventLog {
  readonly kind: 'memory' | 'redis';
  /**
   * The history this log mirrors: the database's log identity (log-identity.ts),
   * part of the Redis stream's key, so no instance reads another database's
   * entries. Null for the in-process log, which lives and dies with its database.
   */
  readonly identity: string | null;
  publish(entries: readonly LogEntry[]): Promise<void>;
  /** Highest seq in the log, 0 when empty. */
  head(): Promise<number>;
  /** Delivers every entry with seq > afterSeq in order, now and as they come. */
  subscribe(afterSeq: number, handler: (entry: LogEntry) => void): Promise<void>;
  /** For /readyz: can the log take and deliver events right now (and does it still mirror this database)? */
  healthy(): Promise<boolean>;
  /**
   * This instance found its database no longer holds the history it applied
   * (replaced or restored under it): stop reading and publishing, and say so
   * in `healthy()`, until a restart binds again.
   */
  disown(reason: string): void;
  close(): Promise<void>;
}
