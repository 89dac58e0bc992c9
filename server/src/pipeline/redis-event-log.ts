import type { LogEntry } from '@lianfang/shared';
import { Redis } from 'ioredis';
import { decodeEntry, encodeEntry } from './event-codec.js';
import type { EventLog } from './event-log.js';

/**
 * XADD with the explicit id `<seq>-1` for each entry. Redis refuses an id at or
 * below the stream's top, so a second relay publishing the same entry is a
 * harmless no-op: the stream holds each seq once, in order.
 */
const PUBLISH_SCRIPT = `
local added = 0
for i = 2, #ARGV, 2 do
  local res = redis.pcall('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], ARGV[i], 'e', ARGV[i + 1])
  if type(res) ~= 'table' or res.err == nil then added = added + 1 end
end
return added`;

export class RedisEventLog implements EventLog {
  readonly kind = 'redis' as const;
  private readonly writer: Redis;
  private readonly reader: Redis;
  private readonly key: string;
  private closed = false;

  constructor(url: string, prefix: string, private readonly maxLen = 100_000) {
    const options = { maxRetriesPerRequest: 2, enableOfflineQueue: false, lazyConnect: false };
    this.writer = new Redis(url, options);
    // XREAD BLOCK holds its connection, so reading needs one of its own.
    this.reader = new Redis(url, { ...options, maxRetriesPerRequest: null });
    this.writer.on('error', () => {});
    this.reader.on('error', () => {});
    this.key = `${prefix}events`;
  }

  async publish(entries: readonly LogEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const args: string[] = [String(this.maxLen)];
    for (const e of entries) args.push(`${e.seq}-1`, encodeEntry(e));
    await this.writer.eval(PUBLISH_SCRIPT, 1, this.key, ...args);
  }

  async head(): Promise<number> {
    const top = await this.writer.xrevrange(this.key, '+', '-', 'COUNT', 1);
    const id = top[0]?.[0];
    return id ? Number(id.split('-')[0]) : 0;
  }

  async subscribe(afterSeq: number, handler: (entry: LogEntry) => void): Promise<void> {
    let lastId = `${afterSeq}-1`;
    const loop = async () => {
      while (!this.closed) {
        try {
          const res = await this.reader.xread('COUNT', 1000, 'BLOCK', 2000, 'STREAMS', this.key, lastId);
          for (const [, messages] of res ?? []) {
            for (const [id, fields] of messages) {
              lastId = id;
              handler(decodeEntry(fields[1]!));
            }
          }
        } catch {
          // Redis away: wait and retry; the sequencer fills any gap from the database.
          if (!this.closed) await new Promise((r) => setTimeout(r, 500));
        }
      }
    };
    void loop();
  }

  async healthy(): Promise<boolean> {
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
}
