import WebSocket from 'ws';
import { nowMs } from './stats.js';

export type ClientMode = 'lite' | 'ws';

/** What one process's screens record: every alert's first and last arrival (shared clock) and how many got it. */
export class Arrivals {
  readonly alerts = new Map<string, { first: number; last: number; n: number }>();
  sample: string | undefined;

  record(id: string, at: number): void {
    const hit = this.alerts.get(id);
    if (!hit) this.alerts.set(id, { first: at, last: at, n: 1 });
    else {
      if (at < hit.first) hit.first = at;
      if (at > hit.last) hit.last = at;
      hit.n++;
    }
  }
}

/** Resuming screens (bench/load): send the last applied seq in the handshake, and see every event's frame. */
export interface LiteScreenResume {
  lastSeq?: number;
  /** The history `lastSeq` counts in (from the last snapshot), as the web client sends it: another history gets a snapshot. */
  history?: string;
  onEvent?: (name: string, data: Buffer, at: number) => void;
  counters?: ScreenCounters;
}

export interface ScreenCounters {
  frames: number;
  bytes: number;
  events: number;
  alerts: number;
  positionBatches: number;
  positions: number;
  lastSeq: number;
}

const ALERT_ID_KEY = Buffer.from('"alert":{"id":"');
const Q = 0x22; // "

/**
 * A Socket.IO v4 screen (Engine.IO protocol 4, websocket transport only),
 * reduced to what a load test needs: handshake with the login token, answer
 * pings, take the arrival time of every event first thing, and read only what
 * it must (the alert id; position batches only on an `audit` screen). With full
 * JSON parsing of every 100 kB position batch, 1,000 screens would measure the
 * two-core bench machine's JSON.parse, not the server. In `ws` mode it is the
 * bare baseline's client: same arrival handling, no protocol.
 */
export class LiteScreen {
  readonly ws: WebSocket;
  readonly counters: ScreenCounters;
  readonly ready: Promise<void>;

  constructor(
    url: string,
    private readonly mode: ClientMode,
    token: string | undefined,
    private readonly arrivals: Arrivals,
    private readonly audit = false,
    private readonly resume: LiteScreenResume = {},
  ) {
    this.counters = resume.counters ?? { frames: 0, bytes: 0, events: 0, alerts: 0, positionBatches: 0, positions: 0, lastSeq: -1 };
    const wsUrl = mode === 'lite' ? `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket` : url.replace(/^http/, 'ws');
    this.ws = new WebSocket(wsUrl, { perMessageDeflate: false });
    this.ready = new Promise<void>((resolve, reject) => {
      this.ws.once('error', reject);
      this.ws.once('close', () => reject(new Error('closed before ready')));
      if (mode === 'ws') this.ws.once('open', () => resolve());
      this.ws.on('message', (data: Buffer) => {
        const at = nowMs();
        this.counters.frames++;
        this.counters.bytes += data.length;
        const type = data[0];
        if (type === 0x34 /* 4 message */) {
          const sub = data[1];
          if (sub === 0x32 /* 2 event */) return this.onEvent(data, at, resolve);
          // Joined the namespace: the snapshot follows, or, when resuming, the missed events (no snapshot).
          if (sub === 0x30 /* 0 connect */) return resume.lastSeq !== undefined ? resolve() : undefined;
          if (sub === 0x34 /* 4 connect_error */) return reject(new Error(data.toString()));
        } else if (type === 0x32 /* 2 ping */) {
          this.ws.send('3');
        } else if (type === 0x30 /* 0 open */) {
          const point = resume.lastSeq !== undefined ? { lastSeq: resume.lastSeq, ...(resume.history ? { history: resume.history } : {}) } : {};
          this.ws.send(`40${JSON.stringify({ token, ...point })}`);
        }
      });
    });
    this.ready.catch(() => {});
  }

  private onEvent(data: Buffer, at: number, ready: () => void): void {
    this.counters.events++;
    const end = data.indexOf(Q, 4);
    const name = data.toString('latin1', 4, end);
    this.resume.onEvent?.(name, data, at);
    if (name === 'alert:raised') {
      this.counters.alerts++;
      const i = data.indexOf(ALERT_ID_KEY);
      const id =
        i >= 0
          ? data.toString('latin1', i + ALERT_ID_KEY.length, i + ALERT_ID_KEY.length + 36)
          : (JSON.parse(data.toString('utf8', 2)) as [string, { alert: { id: string } }])[1].alert.id;
      this.arrivals.record(id, at);
      if (this.arrivals.sample === undefined) this.arrivals.sample = data.toString('utf8');
    } else if (name === 'unit:positions') {
      this.counters.positionBatches++;
      if (this.audit) {
        // `rows` is the compact wire format measured as a proposal.
        const [, payload] = JSON.parse(data.toString('utf8', 2)) as [string, { seq: number; positions?: unknown[]; rows?: unknown[] }];
        this.counters.positions += (payload.positions ?? payload.rows ?? []).length;
        this.counters.lastSeq = payload.seq;
      }
    } else if (name === 'state:snapshot') {
      ready();
    }
  }

  close(): void {
    this.ws.terminate();
  }
}
