import type { LogEntry } from '@lianfang/shared';
import { Redis } from 'ioredis';
import { decodeEntry, encodeEntry } from './event-codec.js';
import type { EventLog } from './event-log.js';
import { PUBLISH_SCRIPT, fingerprintOf } from './stream-publish-script.js';

/**
 * How the log learns whether its database still owns the stream it uses
 * (log-binding.ts). The stream key carries the database's log identity, so an
 * instance never reads another database's entries; these checks catch the one
 * case the key cannot: the same database gone back in time (a restored backup)
 * while Redis kept what it had published.
 */
export interface StreamOwnership {
  readonly identity: string;
  /** Does the database still own a stream whose top is `streamHead`? Rejects when it cannot tell yet (database away). */
  stillOwns(streamHead: number): Promise<boolean>;
  /** Told once, when it does not: from then on this log neither reads nor publishes. */
  lost(reason: string): void;
}

/** One XREVRANGE and one small query every 10 s per instance. */
const OWNERSHIP_CHECK_MS = 10_000;

export const streamKeyOf = (prefix: string, identity: string) => `${prefix}events:${identity}`;

export async function streamHead(redis: Redis, key: string): Promise<number> {
  const top = await redis.xrevrange(key, '+', '-', 'COUNT', 1);
  const id = top[0]?.[0];
  return id ? Number(id.split('-')[0]) : 0;
}

export class RedisEventLog implements EventLog {
  readonly kind = 'redis' as const;
  private readonly writer: Redis;
  private readonly reader: Redis;
  private readonly key: string;
  private closed = false;
  private lostReason: string | null = null;
  private checkedAt = 0;

  constructor(
    url: string,
    prefix: string,
    private readonly owner: StreamOwnership,
    private readonly maxLen = 100_000,
  ) {
    const options = { maxRetriesPerRequest: 2, enableOfflineQueue: false, lazyConnect: false };
    this.writer = new Redis(url, options);
    // XREAD BLOCK holds its connection, so reading needs one of its own.
    this.reader = new Redis(url, { ...options, maxRetriesPerRequest: null });
    this.writer.on('error', () => {});
    this.reader.on('error', () => {});
    this.key = streamKeyOf(prefix, owner.identity);
  }

  get identity(): string {
    return this.owner.identity;
  }

  async publish(entries: readonly LogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    if (this.lostReason) throw new Error(`event log not bound to this database: ${this.lostReason}`);
    const args: string[] = [String(this.maxLen)];
    for (const e of entries) args.push(`${e.seq}-1`, encodeEntry(e), fingerprintOf(e));
    const [, conflict] = (await this.writer.eval(PUBLISH_SCRIPT, 1, this.key, ...args)) as [number, number];
    // A refused id is a duplicate only when the stream holds that same entry; anything else is another history.
    if (conflict > 0) {
      this.lose(`the stream holds a different entry at seq ${conflict}`);
      throw new Error(`event log not bound to this database: ${this.lostReason}`);
    }
  }

  async head(): Promise<number> {
    return streamHead(this.writer, this.key);
  }

  async subscribe(afterSeq: number, handler: (entry: LogEntry) => void): Promise<void> {
    let lastId = `${afterSeq}-1`;
    let checked = false;
    const loop = async () => {
      while (!this.closed && !this.lostReason) {
        try {
          // Before the first read, after every outage (Redis may come back holding something else), and
          // every OWNERSHIP_CHECK_MS: a database replaced under a running instance is caught even if it is quiet.
          if (!checked || Date.now() - this.checkedAt > OWNERSHIP_CHECK_MS) checked = await this.checkOwnership();
          if (!checked) return;
          const res = await this.reader.xread('COUNT', 1000, 'BLOCK', 2000, 'STREAMS', this.key, lastId);
          for (const [, messages] of res ?? []) {
            for (const [id, fields] of messages) {
              lastId = id;
              handler(decodeEntry(fields[1]!));
            }
          }
        } catch {
          // Redis (or the database, for the check) away: wait and retry; the sequencer fills any gap from the database.
          checked = false;
          if (!this.closed) await new Promise((r) => setTimeout(r, 500));
        }
      }
    };
    void loop();
  }

  async healthy(): Promise<boolean> {
    if (this.lostReason) return false;
    try {
      return (await this.writer.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.reader.disconnect();
    await this.writer.quit().catch(() => this.writer.disconnect());
  }

  /** Head first, then the database: for one history the stream can never be ahead of what is committed. */
  private async checkOwnership(): Promise<boolean> {
    this.checkedAt = Date.now();
    const head = await this.head();
    if (await this.owner.stillOwns(head)) return true;
    this.lose(`the stream's top (seq ${head}) is ahead of this database, or the database has another log identity`);
    return false;
  }

  disown(reason: string): void {
    this.lose(reason);
  }

  private lose(reason: string): void {
    if (this.lostReason) return;
    this.lostReason = reason;
    this.owner.lost(reason);
  }
}
