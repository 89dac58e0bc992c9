import type { Database } from '../db/database.js';
import type { EventLog } from './event-log.js';
import { readEvents } from './outbox.js';

/**
 * Moves committed events from the outbox table into the event log, in seq
 * order. Every instance runs one: a commit kicks its own relay at once, and the
 * poll covers an instance that died between commit and publish.
 */
export class EventRelay {
  private published: number;
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Database, private readonly log: EventLog, startAfter: number, private readonly pollMs = 250) {
    this.published = startAfter;
  }

  start(): void {
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
  }

  /** Publish what is committed now; coalesces kicks that come while a pump runs. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.pump().finally(() => {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Resolves once everything committed before the call is in the log (tests, graceful close). */
  async flush(): Promise<void> {
    while (this.running) await new Promise((r) => setTimeout(r, 2));
    await this.pump();
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        const batch = await readEvents(this.db, this.published, 500);
        if (batch.length === 0) return;
        await this.log.publish(batch);
        this.published = batch[batch.length - 1]!.seq;
        if (batch.length < 500) return;
      }
    } catch {
      // Database or log unavailable: the next kick or poll retries from the same seq.
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
