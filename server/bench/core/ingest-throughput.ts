/**
 * Benchmark 3, position ingest on one instance: fixes/s accepted over
 * GET /ingest/osmand (checked in lianfang_positions_accepted_total, not just
 * answered) and delivered to 100 Socket.IO screens, with p99 ingest latency
 * and the server's event-loop delay; against a bare Fastify route that parses
 * the same query and answers 'OK', driven by the same autocannon in the same
 * run. Bare and Lianfang runs alternate `reps` times (other load on the machine
 * hits both alike); the ratio is taken per round, then the median.
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/core/ingest-throughput.ts [--reps=3 --trackers=2000 --clients=100 --connections=32 --duration=10]
 *   … --variants=base,nohelmet=bench/core/.proto/r2/src   (measure patched copies of src/ in the same run)
 *   … --key-areas=20   (key areas over 9 % of the trackers: the key-area watcher and its visit minutes at work)
 */
import { Fleet, cpuBetween, startServer, type CpuSample, type ServerHandle, type Variant } from './lib/fleet.js';
import { startProcess, type BenchProcess } from './lib/proc.js';
import { cliOptions, isMain, machine, percentile, printReport, round, sleep } from './lib/stats.js';

export interface IngestOptions {
  trackers?: number;
  clients?: number;
  connections?: number;
  durationS?: number;
  warmupS?: number;
  reps?: number;
  /** Lianfang variants to measure; default one, the current sources. */
  variants?: (Variant & { name: string })[];
  /** Write a V8 CPU profile of the (first) Lianfang variant's last measured run to this file. */
  profileFile?: string;
  /** Time every SQL statement during the measured runs (diagnostic; adds a little overhead). */
  traceQueries?: boolean;
  /** Key areas over the trackers (lib/lianfang-server.ts createKeyAreas): the watcher's test and visit minutes on the hot path. */
  keyAreas?: number;
}

const CANNON_PROC = new URL('./lib/cannon-proc.ts', import.meta.url);

interface CannonResult {
  requestsPerSecond: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationS: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  built: number;
  lastTs: number;
}

interface Measured {
  target: string;
  round: number;
  requestsPerSecond: number;
  acceptedPerSecond: number;
  rejected: number;
  non2xx: number;
  errors: number;
  latencyMs: CannonResult['latencyMs'];
  serverCpu: ReturnType<typeof cpuBetween>;
  cpuUsPerRequest: number;
  serverEventLoopDelayMs: { p50: number; p99: number; max: number; mean: number };
  delivered?: { screens: number; batchesPerScreen: { min: number; max: number }; positionsToAuditScreen: number | null; mbPerSecondAllScreens: number };
  queries?: object[];
}

const median = (xs: number[]) => round(percentile(xs, 50), 3);

export async function benchmarkIngest(options: IngestOptions = {}) {
  const trackers = options.trackers ?? 2000;
  const screens = options.clients ?? 100;
  const connections = options.connections ?? 32;
  const durationS = options.durationS ?? 10;
  const warmupS = options.warmupS ?? 2;
  const reps = options.reps ?? 2;
  const variants = options.variants ?? [{ name: 'lianfang' }];
  const keyAreas = options.keyAreas ?? 0;
  const info = {
    ...machine(),
    trackers,
    screens,
    connections,
    durationS,
    reps,
    variants,
    keyAreas,
    driver: 'autocannon 8 (own process, keep-alive, pipelining 1)',
  };
  const trackerIds = Array.from({ length: trackers }, (_, i) => `B${String(i).padStart(5, '0')}`);
  const cannon: BenchProcess = await startProcess('cannon', CANNON_PROC);
  const fleet = await Fleet.start(1);
  const started: { name: string; handle: ServerHandle; lianfang: boolean; nextTs: number }[] = [];
  const runs: Measured[] = [];
  try {
    started.push({ name: 'bare-fastify', handle: await startServer('fastify'), lianfang: false, nextTs: Date.now() });
    for (const v of variants) {
      const handle = await startServer('lianfang', {}, v);
      started.push({ name: v.name, handle, lianfang: true, nextTs: Date.now() });
      const setup = await handle.proc.call<{ trackerIds: string[] }>('setup', { units: trackers, gateway: false, keyAreas }, 600_000);
      if (setup.trackerIds.join() !== trackerIds.join()) throw new Error('tracker ids differ from the driver');
    }
    const drive = async (s: (typeof started)[number], seconds: number): Promise<CannonResult> => {
      const ts = Math.max(Date.now(), s.nextTs);
      const r = await cannon.call<CannonResult>('run', { url: s.handle.url, trackerIds, connections, durationS: seconds, startTs: ts }, (seconds + 60) * 1000);
      s.nextTs = r.lastTs + 1;
      return r;
    };
    for (let rep = 1; rep <= reps; rep++) {
      for (const s of started) {
        const server = s.handle.proc;
        if (s.lianfang) await fleet.connect({ url: s.handle.url, token: s.handle.token!, mode: 'lite', count: screens, auditors: 1 });
        await drive(s, warmupS);
        if (s.lianfang) {
          await server.call('settle');
          await sleep(500);
          await fleet.collect(true);
        }
        const metric = (name: string) => server.call<number>('metric', { name });
        const accepted0 = s.lianfang ? await metric('lianfang_positions_accepted_total') : 0;
        const rejected0 = s.lianfang ? await metric('lianfang_positions_rejected_total') : 0;
        const profile = options.profileFile && s.name === variants[0]!.name && rep === reps;
        await server.call('eldStart', { resolutionMs: 1 });
        if (profile) await server.call('profileStart');
        if (options.traceQueries && s.lianfang) await server.call('traceQueries');
        const cpu0 = await server.call<CpuSample>('cpu');
        const run = await drive(s, durationS);
        const cpu1 = await server.call<CpuSample>('cpu');
        if (profile) await server.call('profileStop', { file: options.profileFile });
        const eld = await server.call<Measured['serverEventLoopDelayMs']>('eldStop');
        const serverCpu = cpuBetween(cpu0, cpu1);
        const m: Measured = {
          target: s.name,
          round: rep,
          requestsPerSecond: run.requestsPerSecond,
          acceptedPerSecond: run.requestsPerSecond,
          rejected: 0,
          non2xx: run.non2xx,
          errors: run.errors,
          latencyMs: run.latencyMs,
          serverCpu,
          cpuUsPerRequest: round((serverCpu.cpuMs * 1000) / Math.max(1, run.ok2xx), 1),
          serverEventLoopDelayMs: eld,
        };
        if (s.lianfang) {
          const accepted = (await metric('lianfang_positions_accepted_total')) - accepted0;
          m.acceptedPerSecond = round(accepted / run.durationS, 1);
          m.rejected = (await metric('lianfang_positions_rejected_total')) - rejected0;
          if (options.traceQueries) m.queries = (await server.call<object[]>('queryStats', { reset: true })).slice(0, 10);
          // Everything accepted is committed and broadcast: then count what the screens got.
          await server.call('settle');
          await sleep(700);
          const got = await fleet.collect();
          m.delivered = {
            screens: got.screens,
            batchesPerScreen: got.positionBatchesPerScreen,
            positionsToAuditScreen: got.audit?.positions ?? null,
            mbPerSecondAllScreens: round((got.bytesPerScreen.min * screens) / 1e6 / run.durationS),
          };
          await fleet.disconnect();
        }
        runs.push(m);
        console.error(
          `[ingest] round ${rep} ${s.name}: ${m.acceptedPerSecond} /s accepted, p99 ${m.latencyMs.p99} ms, ${m.cpuUsPerRequest} µs CPU/request, eld p99 ${eld.p99} ms`,
        );
      }
    }
  } finally {
    for (const s of started) {
      await s.handle.proc.call('close').catch(() => {});
      await s.handle.proc.stop();
    }
    await fleet.stop();
    await cannon.stop();
  }

  const bareRuns = runs.filter((r) => r.target === 'bare-fastify');
  const summary = variants.map((v) => {
    const mine = runs.filter((r) => r.target === v.name);
    const ratios = mine.map((r) => r.acceptedPerSecond / bareRuns.find((b) => b.round === r.round)!.requestsPerSecond);
    const cpuRatios = mine.map((r) => r.cpuUsPerRequest / bareRuns.find((b) => b.round === r.round)!.cpuUsPerRequest);
    return {
      variant: v.name,
      acceptedPerSecond: median(mine.map((r) => r.acceptedPerSecond)),
      p99Ms: median(mine.map((r) => r.latencyMs.p99)),
      eldP99Ms: median(mine.map((r) => r.serverEventLoopDelayMs.p99)),
      cpuUsPerRequest: median(mine.map((r) => r.cpuUsPerRequest)),
      ratio: median(ratios),
      ratios: ratios.map((x) => round(x, 3)),
      cpuRatio: median(cpuRatios),
      rejected: mine.reduce((t, r) => t + r.rejected, 0),
      non2xx: mine.reduce((t, r) => t + r.non2xx, 0),
      allDelivered: mine.every((r) => r.delivered && r.delivered.batchesPerScreen.min === r.delivered.batchesPerScreen.max),
    };
  });
  const bare = {
    requestsPerSecond: median(bareRuns.map((r) => r.requestsPerSecond)),
    p99Ms: median(bareRuns.map((r) => r.latencyMs.p99)),
    eldP99Ms: median(bareRuns.map((r) => r.serverEventLoopDelayMs.p99)),
    cpuUsPerRequest: median(bareRuns.map((r) => r.cpuUsPerRequest)),
  };
  const first = summary[0]!;
  const result = { ...info, bareFastify: bare, summary, runs, ratio: first.ratio, goal: { ratioMin: 0.4, met: first.ratio >= 0.4 && first.rejected === 0 } };
  printReport('core-ingest', result, [
    {
      variant: 'bare fastify',
      'req/s (median)': bare.requestsPerSecond,
      'p99 ms': bare.p99Ms,
      'eld p99 ms': bare.eldP99Ms,
      'CPU µs/req': bare.cpuUsPerRequest,
      ratio: '',
      'ratio per round': '',
    },
    ...summary.map((s) => ({
      variant: s.variant,
      'req/s (median)': s.acceptedPerSecond,
      'p99 ms': s.p99Ms,
      'eld p99 ms': s.eldP99Ms,
      'CPU µs/req': s.cpuUsPerRequest,
      ratio: s.ratio,
      'ratio per round': s.ratios.join(' '),
    })),
  ]);
  return result;
}

export function parseVariants(spec: string): (Variant & { name: string })[] {
  return spec.split(',').map((part) => {
    const [name, src] = part.split('=');
    if (name === 'worker-db') return { name, db: 'worker' as const };
    if (name === 'postgres') return { name, db: 'postgres' as const };
    return { name: name!, ...(src ? { src } : {}) };
  });
}

if (isMain(import.meta.url)) {
  const o = cliOptions();
  await benchmarkIngest({
    ...(o.trackers ? { trackers: Number(o.trackers) } : {}),
    ...(o.clients !== undefined ? { clients: Number(o.clients) } : {}),
    ...(o.connections ? { connections: Number(o.connections) } : {}),
    ...(o.duration ? { durationS: Number(o.duration) } : {}),
    ...(o.warmup ? { warmupS: Number(o.warmup) } : {}),
    ...(o.reps ? { reps: Number(o.reps) } : {}),
    ...(o.variants ? { variants: parseVariants(String(o.variants)) } : {}),
    ...(o.profile ? { profileFile: String(o.profile) } : {}),
    ...(o.traceQueries ? { traceQueries: true } : {}),
    ...(o.keyAreas ? { keyAreas: Number(o.keyAreas) } : {}),
  });
}
