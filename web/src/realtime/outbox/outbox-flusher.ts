import type { useCommandOutboxStore } from './command-outbox.store';
import type { DeliveryResult, QueuedCommand } from './queued-command';

export interface CommandTransport {
  isConnected(): boolean;
  send(command: QueuedCommand): Promise<DeliveryResult>;
}

/**
 * Sends queued commands one at a time, each only after the previous one was
 * answered, so the server sees them in the order the captain made them.
 * A `retry` answer (timeout, link down, server error) stops the run; the
 * command stays first and the run starts again on reconnect or after `retryMs`.
 */
export class OutboxFlusher {
  private running = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly outbox: ReturnType<typeof useCommandOutboxStore>,
    private readonly transport: CommandTransport,
    private readonly retryMs = 3000,
  ) {}

  /** Call on enqueue and on (re)connect; does nothing while a run is going. */
  kick(): void {
    if (this.running || this.stopped) return;
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (!this.stopped && this.transport.isConnected()) {
        const next = this.outbox.peek();
        if (!next) return;
        const result = await this.transport.send(next).catch((err: unknown): DeliveryResult => ({
          outcome: 'retry',
          message: err instanceof Error ? err.message : 'send failed',
        }));
        this.outbox.settle(next.id, result);
        if (result.outcome === 'retry') {
          this.scheduleRetry();
          return;
        }
      }
    } finally {
      this.running = false;
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== null || this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, this.retryMs);
  }
}
