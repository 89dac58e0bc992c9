import type { LogEntry } from '@lianfang/shared';
import type { Database } from '../db/database.js';
import type { EventLog } from './event-log.js';
import { readEvents } from './outbox.js';
import { PeriodicWorker } from './periodic-worker.js';

/**
 * Moves committed events from the outbox table into the event log, in seq
 * order. Every instance runs one: a commit hands its entries to its own relay
 * at once, and the poll covers an instance that died between commit and publish.
 * Entries committed here are published from memory; the outbox table is read
 * only for seqs this instance did not commit (another instance's, or after a
 * restart), so the common path costs no read-back.
 * A publish that fails leaves `published` where it was, so nothing is skipped:
 * that includes a stream id Redis refuses when the stream holds another
 * history's entry there (the log tells that from a duplicate, see
 * stream-publish-script.ts, and stops publishing; issue 15).
 */
export class EventRelay {
  private published: number;
  // 'again': a commit handed over during a pump is published right after it, not at the next poll.
  // pump() catches its own failures (the next kick or poll retries from the same seq).
  private readonly pumper = new PeriodicWorker(() => this.pump(), { onError: () => {}, overlap: 'again' });
  /** Entries this instance committed and has not published yet, by seq. */
  private local = new Map<number, LogEntry>();

  constructor(
    private readonly db: Database,
    private readonly log: EventLog,
    startAfter: number,
    private readonly pollMs = 250,
  ) {
    this.published = startAfter;
  }

  start(): void {
    this.pumper.start(this.pollMs);
  }

  /** Entries of a transaction that has committed: published from memory, in seq order with everything else. */
  committed(entries: readonly LogEntry[]): void {
    for (const e of entries) if (e.seq > this.published) this.local.set(e.seq, e);
    this.kick();
  }

  /** Publish what is committed now; coalesces kicks that come while a pump runs. */
  kick(): void {
    void this.pumper.kick();
  }

  /** Resolves once everything committed before the call is in the log (tests, graceful close): a running pump is followed by one more. */
  flush(): Promise<void> {
    return this.pumper.kick();
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        const batch = this.fromMemory() ?? (await readEvents(this.db, this.published, 500));
        if (batch.length === 0) return;
        await this.log.publish(batch);
        this.published = batch[batch.length - 1]!.seq;
        for (const e of batch) this.local.delete(e.seq);
        if (batch.length < 500 && this.local.size === 0) return;
      }
    } catch {
      // Database or log unavailable: the next kick or poll retries from the same seq.
    }
  }

  /** The run of entries right after `published` held in memory, or null when the next one is not ours. */
  private fromMemory(): LogEntry[] | null {
    for (const seq of this.local.keys()) if (seq <= this.published) this.local.delete(seq);
    const run: LogEntry[] = [];
    for (let next = this.local.get(this.published + 1); next && run.length < 500; next = this.local.get(next.seq + 1)) run.push(next);
    return run.length > 0 ? run : null;
  }

  stop(): Promise<void> {
    return this.pumper.stop();
  }
}
