/**
 * Benchmark 1, alert-to-screen latency: from the alert POST's 202 arriving at
 * the poster to `alert:raised` arriving at the LAST of 1,000 Socket.IO screens,
 * while 2,000 units report once a second; against a bare `ws` broadcast of the
 * same bytes to 1,000 `ws` clients, measured in the same run.
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/core/alert-latency.ts [--clients=1000 --units=2000 --alerts=150 --client-mode=lite|sio]
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Fleet, cpuBetween, type Variant, gapSchedule, postAlerts, startServer, type Collected, type CpuSample, type PostedAlert } from './lib/fleet.js';
import { startProcess } from './lib/proc.js';
import { cliOptions, isMain, machine, printReport, round, sleep, summarize, type Summary } from './lib/stats.js';

export interface AlertLatencyOptions {
  clients?: number;
  units?: number;
  alerts?: number;
  quietAlerts?: number;
  minGapMs?: number;
  maxGapMs?: number;
  clientProcesses?: number;
  clientMode?: 'lite' | 'sio';
  /** Write a V8 CPU profile of the server process during the measured (loaded) window to this file. */
  profileFile?: string;
  /** Time every SQL statement during the measured window (diagnostic). */
  traceQueries?: boolean;
  /** Measure a proposal: patched sources (a copy of src/) and/or PGlite in a worker thread. */
  variant?: Variant;
}

/** Busy cores of the whole machine since `from` (all processes, ours and anyone else's), from /proc/stat. */
function machineCpu(): { busy: number; total: number };
function machineCpu(from: { busy: number; total: number }): number;
function machineCpu(from?: { busy: number; total: number }): { busy: number; total: number } | number {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  const total = f.reduce((a, b) => a + b, 0);
  const now = { busy: total - idle, total };
  if (!from) return now;
  return round(((now.busy - from.busy) / Math.max(1, now.total - from.total)) * cpus().length, 3);
}

const REPORTER_PROC = new URL('./lib/reporter-proc.ts', import.meta.url);

export interface Latencies {
  acceptedToLast: Summary;
  acceptedToFirst: Summary;
  sentToLast: Summary;
  sentToAccepted: Summary;
  complete: number;
  of: number;
  failedPosts: number;
}

export function alertLatencies(posted: PostedAlert[], got: Collected, screens: number): Latencies {
  const ok = posted.filter((p) => p.status === 202);
  const rows = ok.map((p) => ({ p, a: got.alerts.get(p.alertId) })).filter((r) => r.a && r.a.n >= screens);
  return {
    acceptedToLast: summarize(rows.map((r) => r.a!.last - r.p.accepted)),
    acceptedToFirst: summarize(rows.map((r) => r.a!.first - r.p.accepted)),
    sentToLast: summarize(rows.map((r) => r.a!.last - r.p.sent)),
    sentToAccepted: summarize(ok.map((p) => p.accepted - p.sent)),
    complete: rows.length,
    of: posted.length,
    failedPosts: posted.length - ok.length,
  };
}

function broadcastLatencies(sent: { id: string; t0: number; t1: number }[], got: Collected, screens: number) {
  const rows = sent.map((s) => ({ s, a: got.alerts.get(s.id) })).filter((r) => r.a && r.a.n >= screens);
  return {
    sendStartToLast: summarize(rows.map((r) => r.a!.last - r.s.t0)),
    sendStartToFirst: summarize(rows.map((r) => r.a!.first - r.s.t0)),
    sendLoop: summarize(sent.map((s) => s.t1 - s.t0)),
    complete: rows.length,
    of: sent.length,
  };
}

export async function benchmarkAlertLatency(options: AlertLatencyOptions = {}) {
  const screens = options.clients ?? 1000;
  const units = options.units ?? 2000;
  const alerts = options.alerts ?? 150;
  const quiet = options.quietAlerts ?? 50;
  const gaps = gapSchedule(alerts, options.minGapMs ?? 100, options.maxGapMs ?? 200, 7);
  const quietGaps = gapSchedule(quiet, options.minGapMs ?? 100, options.maxGapMs ?? 200, 11);
  const mode = options.clientMode ?? 'lite';
  const info = {
    ...machine(),
    variant: options.variant ?? {},
    screens,
    units,
    alerts,
    clientMode: mode,
    clock: 'process.hrtime (CLOCK_MONOTONIC, shared by all processes)',
  };
  const fleet = await Fleet.start(options.clientProcesses ?? 2);
  try {
    // --- Lianfang ---
    const server = await startServer('lianfang', { ALERT_DEDUPE_SECONDS: 0 }, options.variant);
    let lianfang;
    let sample: string;
    try {
      const setup = await server.proc.call<{ trackerIds: string[]; gatewayKey: string; ms: number }>('setup', { units, gateway: true }, 600_000);
      const conn = await fleet.connect({ url: server.url, token: server.token!, mode, count: screens });
      if (conn.connected !== screens) throw new Error(`only ${conn.connected} of ${screens} screens connected`);
      // Warm-up (JIT, device-key cache), and a real alert frame for the baseline to copy.
      const warm = await postAlerts(server.port, setup.gatewayKey, [50, 50, 50, 50, 50]);
      await fleet.waitForAlerts(
        warm.filter((w) => w.alertId).map((w) => w.alertId),
        screens,
      );
      sample = (await fleet.sample())!;
      await fleet.collect(true);

      // Informative: the same alerts with no position traffic, and Socket.IO's own emit of the same payload.
      const quietPosted = await postAlerts(server.port, setup.gatewayKey, quietGaps);
      const quietGot = await fleet.waitForAlerts(
        quietPosted.filter((p) => p.alertId).map((p) => p.alertId),
        screens,
      );
      await fleet.collect(true);
      const sampleId = /"alert":\{"id":"([0-9a-f-]{36})"/.exec(sample)![1]!;
      const emitted = await server.proc.call<{ id: string; t0: number; t1: number }[]>('broadcast', { frame: sample, sampleId, gapsMs: quietGaps });
      const emitGot = await fleet.waitForAlerts(
        emitted.map((e) => e.id),
        screens,
      );
      await fleet.collect(true);

      // The measured run: 2,000 units at 1 Hz, alerts spaced 100–200 ms.
      const reporter = await startProcess('reporter', REPORTER_PROC);
      let loaded;
      try {
        await reporter.call('start', { url: server.url, trackerIds: setup.trackerIds, periodMs: 1000, maxMs: 600_000 });
        await sleep(3000);
        await fleet.collect(true);
        await server.proc.call('eldStart', { resolutionMs: 5 });
        await fleet.eldStart();
        const acceptedBefore = await server.proc.call<number>('metric', { name: 'lianfang_positions_accepted_total' });
        if (options.profileFile) await server.proc.call('profileStart');
        if (options.traceQueries) await server.proc.call('traceQueries');
        const cpu0 = await server.proc.call<CpuSample>('cpu');
        const clientCpu0 = await fleet.cpu();
        const machine0 = machineCpu();
        const posted = await postAlerts(server.port, setup.gatewayKey, gaps);
        const got = await fleet.waitForAlerts(
          posted.filter((p) => p.alertId).map((p) => p.alertId),
          screens,
        );
        const cpu1 = await server.proc.call<CpuSample>('cpu');
        const clientCpu1 = await fleet.cpu();
        const machineCores = machineCpu(machine0);
        if (options.profileFile) await server.proc.call('profileStop', { file: options.profileFile });
        const acceptedAfter = await server.proc.call<number>('metric', { name: 'lianfang_positions_accepted_total' });
        const serverEld = await server.proc.call<object>('eldStop');
        const queries = options.traceQueries ? await server.proc.call<object[]>('queryStats') : undefined;
        if (queries) console.table(queries.slice(0, 15));
        const clientEld = await fleet.eldStop();
        const reported = await reporter.call<{ okPerSecond: number; skipped: number; notOk: number; latencyMs: Summary }>('stop');
        const serverCpu = cpuBetween(cpu0, cpu1);
        loaded = {
          ...alertLatencies(posted, got, screens),
          positionsAcceptedPerSecond: round((acceptedAfter - acceptedBefore) / (serverCpu.wallMs / 1000)),
          ...(queries ? { queries: queries.slice(0, 15) } : {}),
          reporter: reported,
          serverCpu,
          machineBusyCores: machineCores,
          clientProcessesCores: round(
            clientCpu1.reduce((t, c, i) => t + (c.userUs + c.systemUs - clientCpu0[i]!.userUs - clientCpu0[i]!.systemUs), 0) / 1000 / serverCpu.wallMs,
            3,
          ),
          serverEventLoopDelayMs: serverEld,
          clientEventLoopDelayMs: clientEld,
          perScreen: { frames: got.framesPerScreen, bytes: got.bytesPerScreen, positionBatches: got.positionBatchesPerScreen },
          deliveredMBps: round((got.bytesPerScreen.max * screens) / 1e6 / (serverCpu.wallMs / 1000)),
        };
      } finally {
        await reporter.stop();
      }
      lianfang = {
        setupMs: setup.ms,
        connectMs: conn.ms,
        alertFrameBytes: Buffer.byteLength(sample),
        quiet: alertLatencies(quietPosted, quietGot, screens),
        socketIoEmitOnly: broadcastLatencies(emitted, emitGot, screens),
        loaded,
      };
      await fleet.disconnect();
    } finally {
      await server.proc.call('close').catch(() => {});
      await server.proc.stop();
    }

    // --- bare ws baseline, same screens processes, same bytes, same schedule ---
    const bare = await startServer('ws');
    let baseline;
    let bareWithStream;
    try {
      const conn = await fleet.connect({ url: bare.url, mode: 'ws', count: screens });
      if (conn.connected !== screens) throw new Error(`only ${conn.connected} of ${screens} ws clients connected`);
      const sampleId = /"alert":\{"id":"([0-9a-f-]{36})"/.exec(sample)![1]!;
      const warm = await bare.proc.call<{ id: string }[]>('broadcast', { frame: sample, sampleId, gapsMs: [50, 50, 50, 50, 50] });
      await fleet.waitForAlerts(
        warm.map((w) => w.id),
        screens,
      );
      await fleet.collect(true);
      await fleet.eldStart();
      const sent = await bare.proc.call<{ id: string; t0: number; t1: number }[]>('broadcast', { frame: sample, sampleId, gapsMs: gaps });
      const got = await fleet.waitForAlerts(
        sent.map((s) => s.id),
        screens,
      );
      baseline = { ...broadcastLatencies(sent, got, screens), clientEventLoopDelayMs: await fleet.eldStop() };
      await fleet.collect(true);
      // Informative floor: the same bare broadcast while the server also streams the nominal position
      // traffic (units/4 fixes every 250 ms, Lianfang's shape) to every client.
      const { frameBytes } = await bare.proc.call<{ frameBytes: number }>('streamStart', { positions: Math.ceil(units / 4), intervalMs: 250 });
      await sleep(2000);
      await fleet.collect(true);
      const streamSent = await bare.proc.call<{ id: string; t0: number; t1: number }[]>('broadcast', { frame: sample, sampleId, gapsMs: gaps });
      const streamGot = await fleet.waitForAlerts(
        streamSent.map((s) => s.id),
        screens,
      );
      await bare.proc.call('streamStop');
      bareWithStream = { positionFrameBytes: frameBytes, ...broadcastLatencies(streamSent, streamGot, screens) };
      await fleet.disconnect();
    } finally {
      await bare.proc.call('close').catch(() => {});
      await bare.proc.stop();
    }

    const p99 = lianfang.loaded.acceptedToLast.p99;
    const bareP99 = baseline.sendStartToLast.p99;
    const result = {
      ...info,
      lianfang,
      bareWs: baseline,
      bareWsWithPositionStream: bareWithStream,
      ratioP99: round(p99 / bareP99),
      ratioP99SentToLast: round(lianfang.loaded.sentToLast.p99 / bareP99),
      goal: { ratioMax: 1.5, absoluteMaxMs: 100, met: p99 <= 1.5 * bareP99 && p99 < 100 },
    };
    const row = (variant: string, s: Summary, complete: string) => ({ variant, n: s.n, p50: s.p50, p90: s.p90, p99: s.p99, max: s.max, complete });
    printReport('core-alert-latency', result, [
      row('lianfang loaded: 202 accepted → last screen', lianfang.loaded.acceptedToLast, `${lianfang.loaded.complete}/${lianfang.loaded.of}`),
      row('lianfang loaded: 202 accepted → first screen', lianfang.loaded.acceptedToFirst, ''),
      row('lianfang loaded: POST sent → last screen', lianfang.loaded.sentToLast, ''),
      row('lianfang loaded: POST sent → 202', lianfang.loaded.sentToAccepted, ''),
      row('lianfang quiet: 202 accepted → last screen', lianfang.quiet.acceptedToLast, `${lianfang.quiet.complete}/${lianfang.quiet.of}`),
      row('lianfang quiet: POST sent → last screen', lianfang.quiet.sentToLast, ''),
      row(
        'socket.io emit only: send → last screen',
        lianfang.socketIoEmitOnly.sendStartToLast,
        `${lianfang.socketIoEmitOnly.complete}/${lianfang.socketIoEmitOnly.of}`,
      ),
      row('bare ws: send start → last client', baseline.sendStartToLast, `${baseline.complete}/${baseline.of}`),
      row('bare ws + same position stream: send → last', bareWithStream!.sendStartToLast, `${bareWithStream!.complete}/${bareWithStream!.of}`),
    ]);
    return result;
  } finally {
    await fleet.stop();
  }
}

if (isMain(import.meta.url)) {
  const o = cliOptions();
  await benchmarkAlertLatency({
    ...(o.clients ? { clients: Number(o.clients) } : {}),
    ...(o.units !== undefined ? { units: Number(o.units) } : {}),
    ...(o.alerts ? { alerts: Number(o.alerts) } : {}),
    ...(o.quietAlerts ? { quietAlerts: Number(o.quietAlerts) } : {}),
    ...(o.clientProcesses ? { clientProcesses: Number(o.clientProcesses) } : {}),
    ...(o.clientMode ? { clientMode: o.clientMode as 'lite' | 'sio' } : {}),
    ...(o.profile ? { profileFile: String(o.profile) } : {}),
    ...(o.traceQueries ? { traceQueries: true } : {}),
    variant: { ...(o.src ? { src: String(o.src) } : {}), ...(o.db ? { db: o.db as 'default' | 'worker' | 'postgres' } : {}) },
  });
}
