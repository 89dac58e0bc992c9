import { SeqJudge } from '@lianfang/shared';
import { Arrivals, LiteScreen, type ScreenCounters } from '../../core/lib/lite-socket.js';
import { nowMs } from '../../core/lib/stats.js';

/**
 * A wall screen that behaves like the web client on a bad night: it keeps the
 * last seq it applied, and when its connection drops (its instance killed, the
 * network gone, a reconnect storm) it reconnects — through the load balancer,
 * so to whichever instance answers — sending that seq, and checks what comes
 * back: every sequenced message must continue exactly where it left off
 * (a gap or a duplicate is counted, never silently accepted).
 * Bounded: at most `maxAttempts` (60) tries per drop, backing off up to 2 s (about two minutes: a restart of
 * every instance, as after a database restore, fits).
 */
export interface ResumeOptions {
  reconnectDelayMs?: number;
  maxAttempts?: number;
}

export interface ScreenSeqState {
  lastSeq: number;
  gaps: number;
  duplicates: number;
  /** position batches an alert overtook by design (declared by its `fromSeq`), merged: not a fault */
  late: number;
  snapshots: number;
  replays: number;
  drops: number;
  failedAttempts: number;
  connected: boolean;
  caughtUpAt: number | null;
  /** Per drop: from the close to the resumed connection (namespace joined; the replay follows). */
  backMs: number[];
}

const SEQ = /"seq":(\d+)/;
const FROM_SEQ = /"fromSeq":(\d+)/;
const HISTORY = /"history":"([^"]{1,64})"/;

export class ResumingScreen {
  readonly state: ScreenSeqState = {
    lastSeq: -1,
    gaps: 0,
    duplicates: 0,
    late: 0,
    snapshots: 0,
    replays: 0,
    drops: 0,
    failedAttempts: 0,
    connected: false,
    caughtUpAt: null,
    backMs: [],
  };
  readonly counters: ScreenCounters = { frames: 0, bytes: 0, events: 0, alerts: 0, positionBatches: 0, positions: 0, lastSeq: -1 };
  /** The seq this screen must reach to count as caught up (set by the drill after a fault). */
  target = Number.POSITIVE_INFINITY;
  /** The shared judge (shared/src/realtime/seq-judge.ts): the rule the web screens follow. */
  private readonly judge = new SeqJudge();
  /** The history of the last snapshot, sent with every resume (a restored database starts another one). */
  private history: string | undefined;
  private current: LiteScreen | undefined;
  private closed = false;
  private droppedAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly group: string,
    private readonly url: string,
    private readonly token: string,
    private readonly arrivals: Arrivals,
    private readonly options: ResumeOptions = {},
  ) {}

  /** First connection: a snapshot. */
  connect(): Promise<void> {
    return this.open(undefined);
  }

  private open(lastSeq: number | undefined): Promise<void> {
    const screen = new LiteScreen(this.url, 'lite', this.token, this.arrivals, false, {
      counters: this.counters,
      ...(lastSeq !== undefined ? { lastSeq, ...(this.history ? { history: this.history } : {}) } : {}),
      onEvent: (name, data, at) => this.onEvent(name, data, at),
    });
    this.current = screen;
    screen.ws.once('close', () => this.onClose(screen));
    return screen.ready.then(() => {
      this.state.connected = true;
      if (lastSeq !== undefined) {
        this.state.replays++;
        this.state.backMs.push(nowMs() - this.droppedAt);
      }
    });
  }

  private onEvent(name: string, data: Buffer, at: number): void {
    const head = data.toString('latin1', 0, Math.min(data.length, 200));
    const seq = SEQ.exec(head);
    if (!seq) return;
    const s = Number(seq[1]);
    if (name === 'state:snapshot') {
      this.state.snapshots++;
      this.state.lastSeq = s;
      this.judge.reset(s);
      // The snapshot's history is near its end (after the picture): read the whole frame, once per snapshot.
      this.history = HISTORY.exec(data.toString('latin1'))?.[1] ?? this.history;
    } else {
      // A batch carries `fromSeq` up front; an event that jumped positions gets it added last (broadcaster.ts): read the tail too.
      const from = FROM_SEQ.exec(head) ?? FROM_SEQ.exec(data.toString('latin1', Math.max(0, data.length - 64)));
      const verdict = this.judge.judge(name, from ? { seq: s, fromSeq: Number(from[1]) } : { seq: s });
      if (verdict === 'duplicate') {
        this.state.duplicates++;
        return;
      }
      if (verdict === 'late') {
        this.state.late++;
        return;
      }
      // Counted, then taken as the new baseline: this screen does not ask for a resume, so one hole counts once.
      if (verdict === 'gap') {
        this.state.gaps++;
        this.judge.lastSeq = s;
      }
      this.state.lastSeq = this.judge.lastSeq;
    }
    this.counters.lastSeq = this.state.lastSeq;
    if (this.state.caughtUpAt === null && this.state.lastSeq >= this.target) this.state.caughtUpAt = at;
  }

  private onClose(screen: LiteScreen): void {
    if (screen !== this.current) return;
    const wasConnected = this.state.connected;
    this.state.connected = false;
    if (this.closed) return;
    if (wasConnected) {
      this.state.drops++;
      this.droppedAt = nowMs();
      this.attempt(1);
    }
  }

  private attempt(n: number): void {
    const max = this.options.maxAttempts ?? 60;
    if (this.closed || n > max) return;
    const base = this.options.reconnectDelayMs ?? 500;
    // The first try at once-ish (jittered over `base`; 0 = the whole storm at the same instant), then back off.
    const delay = n === 1 ? Math.random() * base : Math.min(2000, Math.max(100, base) * 2 ** (n - 1));
    this.timer = setTimeout(() => {
      this.open(this.state.lastSeq >= 0 ? this.state.lastSeq : undefined).catch(() => {
        this.state.failedAttempts++;
        this.attempt(n + 1);
      });
    }, delay);
  }

  /** Cut the connection as a network failure would; the screen reconnects by itself. */
  drop(): void {
    this.current?.ws.terminate();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.current?.close();
  }
}
