/**
 * A process full of screens (Socket.IO or bare `ws` clients), so that the
 * clients' CPU is not the server's. Records arrival times on the shared clock.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { ResumingScreen } from '../../load/lib/resuming-screen.js';
import { seqStatus } from '../../load/lib/seq-status.js';
import { Arrivals, LiteScreen, type ClientMode } from './lite-socket.js';
import { serveCalls } from './proc.js';
import { nowMs, round } from './stats.js';

/** 'resume': a screen that reconnects with its last seq and audits every seq (bench/load, the fault drills). */
type Mode = ClientMode | 'sio' | 'resume';

interface Screen {
  group: string;
  counters: { frames: number; bytes: number; events: number; alerts: number; positionBatches: number; positions: number; lastSeq: number };
  close(): void;
}

let arrivals = new Arrivals();
let screens: Screen[] = [];
let eld: IntervalHistogram | undefined;

/** A full socket.io-client screen (parses every message), for checking the lite one against the real thing. */
function sioScreen(url: string, token: string, audit: boolean): { screen: Screen; ready: Promise<void> } {
  const counters = { frames: 0, bytes: 0, events: 0, alerts: 0, positionBatches: 0, positions: 0, lastSeq: -1 };
  const socket: Socket = io(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true, auth: { token } });
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('state:snapshot', () => resolve());
    socket.once('connect_error', reject);
  });
  socket.on('alert:raised', (p: { alert: { id: string } }) => {
    const at = nowMs();
    counters.events++;
    counters.alerts++;
    arrivals.record(p.alert.id, at);
    if (arrivals.sample === undefined) arrivals.sample = `42${JSON.stringify(['alert:raised', p])}`;
  });
  socket.on('unit:positions', (p: { seq: number; rows: unknown[] }) => {
    counters.events++;
    counters.positionBatches++;
    if (audit) {
      counters.positions += p.rows.length;
      counters.lastSeq = p.seq;
    }
  });
  return { screen: { group: url, counters, close: () => socket.disconnect() }, ready };
}

async function connect(args: {
  url: string;
  token?: string;
  mode: Mode;
  count: number;
  batch?: number;
  auditors?: number;
  reconnectDelayMs?: number;
}): Promise<{ connected: number; ms: number }> {
  const started = nowMs();
  const batch = args.batch ?? 50;
  for (let start = 0; start < args.count; start += batch) {
    const made = Array.from({ length: Math.min(batch, args.count - start) }, (_, j) => {
      const audit = start + j < (args.auditors ?? 0);
      if (args.mode === 'sio') return sioScreen(args.url, args.token ?? '', audit);
      if (args.mode === 'resume') {
        const screen = new ResumingScreen(
          args.url,
          args.url,
          args.token ?? '',
          arrivals,
          args.reconnectDelayMs !== undefined ? { reconnectDelayMs: args.reconnectDelayMs } : {},
        );
        return { screen, ready: screen.connect() };
      }
      const screen = new LiteScreen(args.url, args.mode, args.token, arrivals, audit);
      return { screen: Object.assign(screen, { group: args.url }), ready: screen.ready };
    });
    screens.push(...made.map((m) => m.screen));
    await Promise.all(made.map((m) => m.ready));
  }
  return { connected: screens.length, ms: round(nowMs() - started) };
}

/** Arrivals so far (and optionally forget them), plus per-screen counters' spread. */
function collect(args: { reset?: boolean } = {}) {
  const alerts = [...arrivals.alerts.entries()].map(([id, a]) => ({ id, first: a.first, last: a.last, n: a.n }));
  const c = screens.map((s) => s.counters);
  const span = (k: keyof Screen['counters']) => ({
    min: Math.min(...c.map((x) => x[k])),
    max: Math.max(...c.map((x) => x[k])),
    sum: c.reduce((t, x) => t + x[k], 0),
  });
  const audited = c.filter((x) => x.lastSeq >= 0);
  // Events per server (screens are grouped by the URL they connected to).
  const eventsByGroup: Record<string, number> = {};
  for (const sc of screens) eventsByGroup[sc.group] = (eventsByGroup[sc.group] ?? 0) + sc.counters.events;
  const out = {
    screens: screens.length,
    alerts,
    eventsByGroup,
    frames: span('frames'),
    bytes: span('bytes'),
    events: span('events'),
    alertsPerScreen: span('alerts'),
    positionBatches: span('positionBatches'),
    audit: audited.length > 0 ? { positions: audited[0]!.positions, lastSeq: audited[0]!.lastSeq, batches: audited[0]!.positionBatches } : null,
  };
  if (args.reset) {
    const sample = arrivals.sample;
    arrivals.alerts.clear();
    arrivals.sample = sample;
    for (const x of c) Object.assign(x, { frames: 0, bytes: 0, events: 0, alerts: 0, positionBatches: 0, positions: 0 });
  }
  return out;
}

function sample(): string | null {
  return arrivals.sample ?? null;
}

function disconnect(): void {
  for (const s of screens) s.close();
  screens = [];
  arrivals = new Arrivals();
}

function eldStart(): void {
  eld = monitorEventLoopDelay({ resolution: 5 });
  eld.enable();
}

function eldStop(): { p50: number; p99: number; max: number } | null {
  if (!eld) return null;
  eld.disable();
  const out = { p50: round(eld.percentile(50) / 1e6), p99: round(eld.percentile(99) / 1e6), max: round(eld.max / 1e6) };
  eld = undefined;
  return out;
}

function cpu(): { userUs: number; systemUs: number } {
  const u = process.cpuUsage();
  return { userUs: u.user, systemUs: u.system };
}

const resuming = () => screens.filter((s): s is ResumingScreen => s instanceof ResumingScreen);

serveCalls(
  {
    connect,
    collect,
    sample,
    disconnect,
    eldStart,
    eldStop,
    cpu,
    seqStatus: () => seqStatus(resuming().map((s) => s.state)),
    setTarget: (args: { seq: number }) => {
      for (const s of resuming()) {
        s.target = args.seq;
        s.state.caughtUpAt = s.state.lastSeq >= args.seq ? nowMs() : null;
      }
    },
    dropAll: () => {
      for (const s of resuming()) s.drop();
    },
  },
  async () => disconnect(),
);
