import type { LogEntry } from '@lianfang/shared';

/**
 * The bus between server instances. Redis Stream when REDIS_URL is set, an
 * in-process log otherwise; both deliver entries in seq order, and `publish`
 * is idempotent (an entry at or below the head is skipped), which is what makes
 * the relay safe to run on every instance at once.
 */
export interface EventLog {
  readonly kind: 'memory' | 'redis';
  publish(entries: readonly LogEntry[]): Promise<void>;
  /** Highest seq in the log, 0 when empty. */
  head(): Promise<number>;
  /** Delivers every entry with seq > afterSeq in order, now and as they come. */
  subscribe(afterSeq: number, handler: (entry: LogEntry) => void): Promise<void>;
  /** For /readyz: can the log take and deliver events right now? */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}
