import http from 'node:http';
import { startProcess, type BenchProcess } from './proc.js';
import { nowMs, round, summarize, type Summary } from './stats.js';

const CLIENT_PROC = new URL('./client-proc.ts', import.meta.url);
const SERVER_PROC = new URL('./server-proc.ts', import.meta.url);

export interface ServerHandle {
  proc: BenchProcess;
  port: number;
  url: string;
  token?: string;
}

/** What variant of Lianfang to start: its sources (a patched copy to measure a proposal) and its database adapter. */
export interface Variant {
  src?: string;
  db?: 'default' | 'worker' | 'postgres';
}

export async function startServer(kind: 'lianfang' | 'ws' | 'fastify', config: object = {}, variant: Variant = {}): Promise<ServerHandle> {
  const proc = await startProcess(`server-${kind}`, SERVER_PROC, variant.src ? { env: { LF_BENCH_SRC: variant.src } } : {});
  try {
    const { port, token } = await proc.call<{ port: number; token?: string }>('start', { kind, config, db: variant.db ?? 'default' });
    return { proc, port, url: `http://127.0.0.1:${port}`, ...(token ? { token } : {}) };
  } catch (err) {
    await proc.stop();
    throw err;
  }
}

export interface CpuSample {
  userUs: number;
  systemUs: number;
  at: number;
}

/** CPU milliseconds the process used between two samples, and over how many wall milliseconds. */
export function cpuBetween(a: CpuSample, b: CpuSample): { cpuMs: number; userMs: number; systemMs: number; wallMs: number; cores: number } {
  const userMs = (b.userUs - a.userUs) / 1000;
  const systemMs = (b.systemUs - a.systemUs) / 1000;
  const wallMs = b.at - a.at;
  return {
    cpuMs: round(userMs + systemMs),
    userMs: round(userMs),
    systemMs: round(systemMs),
    wallMs: round(wallMs),
    cores: round((userMs + systemMs) / wallMs, 3),
  };
}

export interface AlertArrival {
  id: string;
  first: number;
  last: number;
  n: number;
}

export interface Collected {
  screens: number;
  alerts: Map<string, AlertArrival>;
  framesPerScreen: { min: number; max: number };
  bytesPerScreen: { min: number; max: number };
  eventsTotal: number;
  /** Events delivered to the screens of each server (by URL). */
  eventsByGroup: Record<string, number>;
  positionBatchesPerScreen: { min: number; max: number };
  audit: { positions: number; lastSeq: number; batches: number } | null;
}

interface ProcCollect {
  screens: number;
  alerts: AlertArrival[];
  eventsByGroup: Record<string, number>;
  frames: { min: number; max: number; sum: number };
  bytes: { min: number; max: number; sum: number };
  events: { min: number; max: number; sum: number };
  positionBatches: { min: number; max: number; sum: number };
  audit: { positions: number; lastSeq: number; batches: number } | null;
}

/** Screens spread over several client processes; collected figures merged as if one. */
export class Fleet {
  private constructor(readonly procs: BenchProcess[]) {}

  static async start(processes: number): Promise<Fleet> {
    const procs = await Promise.all(Array.from({ length: processes }, (_, i) => startProcess(`clients-${i}`, CLIENT_PROC)));
    return new Fleet(procs);
  }

  async connect(args: {
    url: string;
    token?: string;
    mode: 'lite' | 'sio' | 'ws' | 'resume';
    count: number;
    auditors?: number;
    reconnectDelayMs?: number;
  }): Promise<{ connected: number; ms: number }> {
    const started = nowMs();
    const per = Math.ceil(args.count / this.procs.length);
    const results = await Promise.all(
      this.procs.map((p, i) =>
        p.call<{ connected: number }>(
          'connect',
          {
            ...args,
            count: Math.max(0, Math.min(per, args.count - i * per)),
            auditors: i === 0 ? (args.auditors ?? 0) : 0,
          },
          600_000,
        ),
      ),
    );
    return { connected: results.reduce((t, r) => t + r.connected, 0), ms: round(nowMs() - started) };
  }

  async collect(reset = false): Promise<Collected> {
    const parts = await Promise.all(this.procs.map((p) => p.call<ProcCollect>('collect', { reset })));
    const alerts = new Map<string, AlertArrival>();
    for (const part of parts) {
      for (const a of part.alerts) {
        const hit = alerts.get(a.id);
        if (!hit) alerts.set(a.id, { ...a });
        else {
          hit.first = Math.min(hit.first, a.first);
          hit.last = Math.max(hit.last, a.last);
          hit.n += a.n;
        }
      }
    }
    const live = parts.filter((p) => p.screens > 0);
    const range = (k: 'frames' | 'bytes' | 'positionBatches') => ({ min: Math.min(...live.map((p) => p[k].min)), max: Math.max(...live.map((p) => p[k].max)) });
    return {
      screens: parts.reduce((t, p) => t + p.screens, 0),
      alerts,
      framesPerScreen: range('frames'),
      bytesPerScreen: range('bytes'),
      positionBatchesPerScreen: range('positionBatches'),
      eventsTotal: parts.reduce((t, p) => t + p.events.sum, 0),
      eventsByGroup: parts.reduce<Record<string, number>>((acc, p) => {
        for (const [g, n] of Object.entries(p.eventsByGroup)) acc[g] = (acc[g] ?? 0) + n;
        return acc;
      }, {}),
      audit: parts.find((p) => p.audit)?.audit ?? null,
    };
  }

  /** Polls until every id reached `screens` screens (or the time is up); returns what arrived. */
  async waitForAlerts(ids: readonly string[], screens: number, timeoutMs = 10_000): Promise<Collected> {
    const until = nowMs() + timeoutMs;
    for (;;) {
      const got = await this.collect();
      const complete = ids.every((id) => (got.alerts.get(id)?.n ?? 0) >= screens);
      if (complete || nowMs() > until) return got;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async sample(): Promise<string | null> {
    for (const p of this.procs) {
      const s = await p.call<string | null>('sample');
      if (s) return s;
    }
    return null;
  }

  async eldStart(): Promise<void> {
    await Promise.all(this.procs.map((p) => p.call('eldStart')));
  }

  async eldStop(): Promise<({ p50: number; p99: number; max: number } | null)[]> {
    return Promise.all(this.procs.map((p) => p.call<{ p50: number; p99: number; max: number } | null>('eldStop')));
  }

  async cpu(): Promise<{ userUs: number; systemUs: number }[]> {
    return Promise.all(this.procs.map((p) => p.call<{ userUs: number; systemUs: number }>('cpu')));
  }

  async disconnect(): Promise<void> {
    await Promise.all(this.procs.map((p) => p.call('disconnect')));
  }

  async stop(): Promise<void> {
    await Promise.all(this.procs.map((p) => p.stop()));
  }
}

/** Deterministic gaps in [minMs, maxMs] (mulberry32), so every variant of a run gets the same schedule. */
export function gapSchedule(count: number, minMs: number, maxMs: number, seed = 42): number[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => Math.round(minMs + rand() * (maxMs - minMs)));
}

export interface PostedAlert {
  sent: number;
  accepted: number;
  status: number;
  alertId: string;
  error?: string;
}

/**
 * Posts alerts from this process on a fixed schedule (open loop: the i-th POST
 * leaves at the sum of the first i gaps, whether or not earlier replies are
 * in), over keep-alive connections; times on the shared clock.
 */
export async function postAlerts(
  port: number,
  key: string | readonly string[],
  gapsMs: readonly number[],
  body: (i: number) => object = () => ({ kind: 'panic', note: 'bench' }),
): Promise<PostedAlert[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const start = nowMs();
  let at = 0;
  const pending: Promise<PostedAlert>[] = [];
  try {
    for (const [i, gap] of gapsMs.entries()) {
      at += gap;
      const wait = start + at - nowMs();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      // Several keys: press i comes from device i mod n (repeated presses from a few panic buttons).
      pending.push(postAlert(agent, port, typeof key === 'string' ? key : key[i % key.length]!, body(i)));
    }
    return await Promise.all(pending);
  } finally {
    agent.destroy();
  }
}

function postAlert(agent: http.Agent, port: number, key: string, body: object): Promise<PostedAlert> {
  const data = JSON.stringify(body);
  return new Promise((resolve) => {
    const req = http.request(
      {
        hostname: '127.0.0.1',
        port,
        path: '/ingest/alerts',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), authorization: `Bearer ${key}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const accepted = nowMs();
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode !== 202) return resolve({ sent, accepted, status: res.statusCode ?? 0, alertId: '', error: text.slice(0, 200) });
          resolve({ sent, accepted, status: res.statusCode, alertId: (JSON.parse(text) as { alertId: string }).alertId });
        });
      },
    );
    // A failed or timed-out POST is a result (counted as failed), not a reason to abandon the run.
    req.on('error', (err) => resolve({ sent, accepted: nowMs(), status: 0, alertId: '', error: err.message }));
    req.setTimeout(30_000, () => req.destroy(new Error('alert POST timed out after 30 s')));
    const sent = nowMs();
    req.end(data);
  });
}

export function latencyOf(values: number[]): Summary {
  return summarize(values);
}
