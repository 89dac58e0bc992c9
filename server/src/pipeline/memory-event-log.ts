import type { LogEntry } from '@lianfang/shared';
import type { EventLog } from './event-log.js';

/** Single-process log: the embedded default. Delivery is synchronous with publish. */
export class MemoryEventLog implements EventLog {
  readonly kind = 'memory' as const;
  readonly identity = null;
  private last = 0;
  private disowned = false;
  private readonly handlers: ((entry: LogEntry) => void)[] = [];

  /** After a restart the log starts at the database's seq: earlier entries are in the snapshot. */
  constructor(startSeq = 0) {
    this.last = startSeq;
  }

  async publish(entries: readonly LogEntry[]): Promise<void> {
    for (const entry of entries) {
      if (entry.seq <= this.last) continue;
      if (entry.seq !== this.last + 1) throw new Error(`event log gap: head ${this.last}, got ${entry.seq}`);
      this.last = entry.seq;
      for (const handler of this.handlers) handler(entry);
    }
  }

  async head(): Promise<number> {
    return this.last;
  }

  async subscribe(_afterSeq: number, handler: (entry: LogEntry) => void): Promise<void> {
    this.handlers.push(handler);
  }

  async healthy(): Promise<boolean> {
    return !this.disowned;
  }

  disown(): void {
    this.disowned = true;
    this.handlers.length = 0;
  }

  async close(): Promise<void> {
    this.handlers.length = 0;
  }
}
