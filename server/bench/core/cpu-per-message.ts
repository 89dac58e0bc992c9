/**
 * Benchmark 2, server CPU per delivered message per client: the server
 * process's CPU time (process.cpuUsage in that process: user + system, all its
 * threads) over a window, divided by messages × clients actually delivered.
 * Lianfang (alerts POSTed over HTTP, committed, broadcast to 1,000 Socket.IO
 * screens) against a bare `ws` server sending the same bytes to 1,000 clients
 * at the same pace; Socket.IO's own emit of the same payload (no HTTP, no
 * database) is measured too, to split framework from domain cost. The windows
 * alternate `reps` times; ratios are per round, then the median.
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/core/cpu-per-message.ts [--clients=1000 --messages=200 --gap=50 --reps=3]
 */
import { Fleet, cpuBetween, gapSchedule, postAlerts, startServer, type CpuSample, type ServerHandle, type Variant } from './lib/fleet.js';
import { cliOptions, isMain, machine, percentile, printReport, round, sleep } from './lib/stats.js';

export interface CpuPerMessageOptions {
  clients?: number;
  messages?: number;
  gapMs?: number;
  reps?: number;
  clientProcesses?: number;
  variant?: Variant;
  /** Write a V8 CPU profile of the Lianfang server during the last Lianfang window to this file. */
  profileFile?: string;
  /** Time every SQL statement during the Lianfang windows (diagnostic). */
  traceQueries?: boolean;
}

interface Window {
  kind: 'lianfang' | 'socketio-emit' | 'bare-ws';
  round: number;
  messages: number;
  delivered: number;
  alertDeliveries: number;
  cpuMs: number;
  wallMs: number;
  usPerDelivery: number;
  idleUsPerDelivery: number;
}

export async function benchmarkCpuPerMessage(options: CpuPerMessageOptions = {}) {
  const screens = options.clients ?? 1000;
  const messages = options.messages ?? 200;
  const gap = options.gapMs ?? 50;
  const reps = options.reps ?? 3;
  const gaps = gapSchedule(messages, gap, gap);
  const info = {
    ...machine(),
    variant: options.variant ?? {},
    screens,
    messages,
    gapMs: gap,
    reps,
    cpuMeasure: 'process.cpuUsage() in the server process (user+system, all threads)',
  };
  const fleet = await Fleet.start(options.clientProcesses ?? 2);
  let lianfang: ServerHandle | undefined;
  let bare: ServerHandle | undefined;
  const windows: Window[] = [];
  let queries: object[] | undefined;
  let idle: { lianfangCores: number; bareCores: number } = { lianfangCores: 0, bareCores: 0 };
  try {
    lianfang = await startServer('lianfang', { ALERT_DEDUPE_SECONDS: 0 }, options.variant);
    const { gatewayKey } = await lianfang.proc.call<{ gatewayKey: string }>('setup', { units: 0, gateway: true });
    bare = await startServer('ws');
    await fleet.connect({ url: lianfang.url, token: lianfang.token!, mode: 'lite', count: screens });
    await fleet.connect({ url: bare.url, mode: 'ws', count: screens });
    const warm = await postAlerts(lianfang.port, gatewayKey, Array(10).fill(20));
    await fleet.waitForAlerts(
      warm.filter((w) => w.alertId).map((w) => w.alertId),
      screens,
    );
    const sample = (await fleet.sample())!;
    const sampleId = /"alert":\{"id":"([0-9a-f-]{36})"/.exec(sample)![1]!;
    const bareWarm = await bare.proc.call<{ id: string }[]>('broadcast', { frame: sample, sampleId, gapsMs: Array(10).fill(20) });
    await fleet.waitForAlerts(
      bareWarm.map((w) => w.id),
      screens,
    );
    await fleet.collect(true);

    // What each server burns doing nothing with 1,000 connections (pings, timers), to show, not to subtract.
    const idleCores = async (h: ServerHandle) => {
      const a = await h.proc.call<CpuSample>('cpu');
      await sleep(3000);
      return cpuBetween(a, await h.proc.call<CpuSample>('cpu')).cores;
    };
    idle = { lianfangCores: await idleCores(lianfang), bareCores: await idleCores(bare) };

    const measure = async (kind: Window['kind'], round_: number, h: ServerHandle, send: () => Promise<string[]>) => {
      const c0 = await h.proc.call<CpuSample>('cpu');
      const ids = await send();
      const got = await fleet.waitForAlerts(ids, screens, 20_000);
      const c1 = await h.proc.call<CpuSample>('cpu');
      // Every event frame the screens got in the window counts: the alerts, and whatever else the server
      // broadcast meanwhile (e.g. incident:updated when an open incident's acknowledgement deadline passes).
      const alertDeliveries = ids.reduce((t, id) => t + (got.alerts.get(id)?.n ?? 0), 0);
      const delivered = got.eventsByGroup[h.url] ?? 0;
      const cpu = cpuBetween(c0, c1);
      const idleMs = (kind === 'bare-ws' ? idle.bareCores : idle.lianfangCores) * cpu.wallMs;
      windows.push({
        kind,
        round: round_,
        messages: ids.length,
        delivered,
        alertDeliveries,
        cpuMs: cpu.cpuMs,
        wallMs: cpu.wallMs,
        usPerDelivery: round((cpu.cpuMs * 1000) / delivered, 3),
        idleUsPerDelivery: round((idleMs * 1000) / delivered, 3),
      });
      await fleet.collect(true);
      console.error(`[cpu] round ${round_} ${kind}: ${windows.at(-1)!.usPerDelivery} µs CPU per delivery (${delivered} deliveries, ${cpu.cpuMs} ms CPU)`);
    };
    if (options.traceQueries) await lianfang.proc.call('traceQueries');
    for (let r = 1; r <= reps; r++) {
      if (options.profileFile && r === reps) await lianfang.proc.call('profileStart');
      await measure('lianfang', r, lianfang, async () => (await postAlerts(lianfang!.port, gatewayKey, gaps)).filter((p) => p.alertId).map((p) => p.alertId));
      if (options.profileFile && r === reps) await lianfang.proc.call('profileStop', { file: options.profileFile });
      await measure('socketio-emit', r, lianfang, async () =>
        (await lianfang!.proc.call<{ id: string }[]>('broadcast', { frame: sample, sampleId, gapsMs: gaps })).map((s) => s.id),
      );
      await measure('bare-ws', r, bare, async () =>
        (await bare!.proc.call<{ id: string }[]>('broadcast', { frame: sample, sampleId, gapsMs: gaps })).map((s) => s.id),
      );
    }
    if (options.traceQueries) queries = await lianfang.proc.call<object[]>('queryStats');
  } finally {
    for (const h of [lianfang, bare]) {
      if (!h) continue;
      await h.proc.call('close').catch(() => {});
      await h.proc.stop();
    }
    await fleet.stop();
  }

  const of = (kind: Window['kind']) => windows.filter((w) => w.kind === kind);
  const ratios = (kind: Window['kind']) => of(kind).map((w) => w.usPerDelivery / of('bare-ws').find((b) => b.round === w.round)!.usPerDelivery);
  const med = (xs: number[]) => round(percentile(xs, 50), 3);
  const row = (kind: Window['kind']) => ({
    kind,
    'µs CPU per delivery (median)': med(of(kind).map((w) => w.usPerDelivery)),
    'of which idle': med(of(kind).map((w) => w.idleUsPerDelivery)),
    'ratio vs bare ws': kind === 'bare-ws' ? 1 : med(ratios(kind)),
    'per round': of(kind)
      .map((w) => w.usPerDelivery)
      .join(' '),
    'alerts delivered': `${of(kind).reduce((t, w) => t + w.alertDeliveries, 0)}/${of(kind).reduce((t, w) => t + w.messages, 0) * screens}`,
    'all events delivered': of(kind).reduce((t, w) => t + w.delivered, 0),
  });
  const ratio = med(ratios('lianfang'));
  const result = {
    ...info,
    idle,
    windows,
    ...(queries ? { queries } : {}),
    lianfangUsPerDelivery: med(of('lianfang').map((w) => w.usPerDelivery)),
    socketIoUsPerDelivery: med(of('socketio-emit').map((w) => w.usPerDelivery)),
    bareWsUsPerDelivery: med(of('bare-ws').map((w) => w.usPerDelivery)),
    ratio,
    ratioSocketIoOnly: med(ratios('socketio-emit')),
    goal: { ratioMax: 1.3, met: ratio <= 1.3 },
  };
  if (queries) console.table(queries);
  printReport('core-cpu-per-message', result, [row('lianfang'), row('socketio-emit'), row('bare-ws')]);
  return result;
}

if (isMain(import.meta.url)) {
  const o = cliOptions();
  await benchmarkCpuPerMessage({
    ...(o.clients ? { clients: Number(o.clients) } : {}),
    ...(o.messages ? { messages: Number(o.messages) } : {}),
    ...(o.gap ? { gapMs: Number(o.gap) } : {}),
    ...(o.reps ? { reps: Number(o.reps) } : {}),
    ...(o.clientProcesses ? { clientProcesses: Number(o.clientProcesses) } : {}),
    ...(o.src || o.db ? { variant: { ...(o.src ? { src: String(o.src) } : {}), ...(o.db ? { db: o.db as 'default' | 'worker' | 'postgres' } : {}) } } : {}),
    ...(o.traceQueries ? { traceQueries: true } : {}),
    ...(o.profile ? { profileFile: String(o.profile) } : {}),
  });
}
