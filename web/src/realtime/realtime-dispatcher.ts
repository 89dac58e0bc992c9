import type { Ack, ResumeReply, SequencedEventName, Snapshot } from '@lianfang/shared';
import { SeqJudge, isAckError } from '@lianfang/shared';
import { EVENT_HANDLERS, type MessageOf } from './handlers/event-handlers';
import type { HandlerContext } from './handlers/handler-context';
import { applySnapshot } from './handlers/snapshot.handler';

export interface DispatcherOptions {
  context: HandlerContext;
  /** asks the server for everything after `lastSeq` (`sync:resume`); resolves with its ack */
  requestResume: (lastSeq: number) => Promise<Ack<ResumeReply>>;
  /** wait before asking again after a failed resume */
  retryMs?: number;
}

export interface DispatcherStats {
  applied: number;
  duplicates: number;
  /** position batches an alert overtook by design, merged when they came */
  late: number;
  gaps: number;
  resumes: number;
  unknown: number;
}

/**
 * Applies server messages strictly in `seq` order. Each message is judged
 * against the last applied seq: the next one is applied through its handler,
 * an old one is dropped, and a hole triggers one `sync:resume`; until the
 * server has answered, further out-of-order messages are dropped because the
 * replay (or snapshot) will bring them again.
 */
export class RealtimeDispatcher {
  readonly stats: DispatcherStats = { applied: 0, duplicates: 0, late: 0, gaps: 0, resumes: 0, unknown: 0 };
  /** The shared judge (shared/src/realtime/seq-judge.ts): the same rule as the drills' screens and the tests. */
  private readonly judge = new SeqJudge();
  private resyncing = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private connected = false;

  constructor(private readonly options: DispatcherOptions) {}

  private get ctx(): HandlerContext {
    return this.options.context;
  }

  handleSnapshot(snapshot: Snapshot): void {
    applySnapshot(snapshot, this.ctx);
    this.judge.reset(snapshot.seq);
    this.ctx.connection.markBaseline(snapshot.seq, snapshot.history);
    this.ctx.connection.markSynced('snapshot');
    this.stats.applied += 1;
  }

  handleMessage<E extends SequencedEventName>(event: E, msg: MessageOf<E>): void {
    // Before the first snapshot there is nothing to apply onto; the server sends one on connect.
    if (!this.ctx.connection.hasBaseline) return;
    // The store's lastSeq is the truth (a logout resets it); the judge keeps what is owed.
    this.judge.lastSeq = this.ctx.connection.lastSeq;
    const verdict = this.judge.judge(event, msg);
    if (verdict === 'late') {
      // A batch that an alert overtook (its seqs were declared by the alert's
      // `fromSeq`): positions are newest-wins state, merging them is safe.
      EVENT_HANDLERS[event](msg, this.ctx);
      this.stats.late += 1;
      return;
    }
    if (verdict === 'duplicate') {
      this.stats.duplicates += 1;
      return;
    }
    if (verdict === 'gap') {
      this.stats.gaps += 1;
      this.resync();
      return;
    }
    // Held positions are older than this message: they reach the store first.
    if (event !== 'unit:positions') this.ctx.positions.flush();
    EVENT_HANDLERS[event](msg, this.ctx);
    this.ctx.connection.markApplied(msg.seq);
    this.stats.applied += 1;
  }

  /** A sequenced event this build has no handler for: keep the order, apply nothing. */
  skipUnknown(event: string, msg: { seq: number; fromSeq?: number }): void {
    if (!this.ctx.connection.hasBaseline) return;
    this.judge.lastSeq = this.ctx.connection.lastSeq;
    const verdict = this.judge.judge(event, msg);
    if (verdict === 'gap') {
      this.stats.gaps += 1;
      this.resync();
      return;
    }
    if (verdict === 'apply') {
      this.ctx.positions.flush();
      this.ctx.connection.markApplied(msg.seq);
      this.stats.unknown += 1;
      console.warn(`lianfang: no handler for "${event}" (seq ${msg.seq}); is this screen older than the server?`);
    }
  }

  onConnected(): void {
    this.connected = true;
    this.resyncing = false;
    this.ctx.connection.setState('live');
  }

  onDisconnected(willReconnect: boolean): void {
    this.connected = false;
    this.resyncing = false;
    this.clearRetry();
    // Show what we have; the reconnect handshake sends lastSeq and the server fills the hole.
    this.ctx.positions.flush();
    this.ctx.connection.setState(willReconnect ? 'reconnecting' : 'offline');
  }

  dispose(): void {
    this.clearRetry();
    this.ctx.positions.clear();
  }

  private resync(): void {
    if (this.resyncing || !this.connected) return;
    this.resyncing = true;
    this.stats.resumes += 1;
    this.ctx.positions.flush();
    this.ctx.connection.setState('resyncing');
    this.options.requestResume(this.ctx.connection.lastSeq).then(
      (reply) => {
        if (!this.resyncing) return;
        this.resyncing = false;
        if (isAckError(reply)) return this.retryLater(reply.error);
        this.ctx.connection.markSynced(reply.data.mode);
        this.ctx.connection.setState('live');
      },
      (err: unknown) => {
        if (!this.resyncing) return;
        this.resyncing = false;
        this.retryLater(err instanceof Error ? err.message : 'resume failed');
      },
    );
  }

  private retryLater(reason: string): void {
    this.ctx.connection.setError(reason);
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.resync();
    }, this.options.retryMs ?? 1000);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
