import type { ClientToServerEvents, ServerToClientEvents, Snapshot } from '@lianfang/shared';
import { SEQUENCED_EVENTS, SeqJudge } from '@lianfang/shared';
import { io, type Socket } from 'socket.io-client';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Received {
  event: string;
  seq: number;
  fromSeq: number;
  payload: Record<string, unknown>;
}

/**
 * A screen as the tests see it: records every sequenced message in arrival
 * order and keeps lastSeq the way the web client does, so reconnects send it.
 */
export class RecordingClient {
  readonly socket: ClientSocket;
  readonly received: Received[] = [];
  snapshots: Snapshot[] = [];
  lastSeq = -1;
  /** The history lastSeq counts in, as the web client keeps it (from the last snapshot). */
  history: string | undefined;
  gaps = 0;
  /** Messages received twice (a defect), and position batches an alert overtook by design (merged). */
  duplicates = 0;
  late = 0;
  /** The shared judge, as every screen uses it. */
  private readonly judge = new SeqJudge();

  constructor(url: string, token: string, opts: { lastSeq?: number; history?: string; reconnection?: boolean } = {}) {
    if (opts.lastSeq !== undefined) this.lastSeq = opts.lastSeq;
    this.history = opts.history;
    this.socket = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: opts.reconnection ?? false,
      forceNew: true,
      auth: (cb) => cb(this.lastSeq >= 0 ? { token, lastSeq: this.lastSeq, ...(this.history ? { history: this.history } : {}) } : { token }),
    });
    this.socket.on('state:snapshot', (s) => {
      this.snapshots.push(s);
      this.lastSeq = s.seq;
      this.judge.reset(s.seq);
      this.history = s.history;
    });
    for (const event of SEQUENCED_EVENTS) {
      (this.socket.on as (e: string, h: (p: Record<string, unknown> & { seq: number; fromSeq?: number }) => void) => void)(event, (payload) => {
        this.judge.lastSeq = this.lastSeq;
        const verdict = this.judge.judge(event, payload);
        if (verdict === 'gap') this.gaps++;
        if (verdict === 'duplicate') this.duplicates++;
        if (verdict === 'late') this.late++;
        if (verdict === 'apply') this.lastSeq = payload.seq;
        this.received.push({ event, seq: payload.seq, fromSeq: payload.fromSeq ?? payload.seq, payload });
      });
    }
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.connected) return resolve();
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', (err) => reject(err));
    });
  }

  /** Resolves once the client has applied everything up to `seq`. */
  async waitForSeq(seq: number, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.lastSeq < seq) {
      if (Date.now() > until) throw new Error(`client stuck at seq ${this.lastSeq}, wanted ${seq}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The seqs this client has covered, in order, each once (what "gap-free" is checked against). */
  coveredSeqs(): number[] {
    const seen = new Set<number>();
    for (const r of this.received) for (let s = r.fromSeq; s <= r.seq; s++) seen.add(s);
    return [...seen].sort((a, b) => a - b);
  }

  close(): void {
    this.socket.disconnect();
  }
}
