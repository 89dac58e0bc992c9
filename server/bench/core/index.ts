/**
 * The core benchmarks (alert-to-screen latency, CPU per delivered message,
 * position ingest), each against its bare baseline measured in the same run.
 * Every benchmark is also runnable on its own; see docs/performance-core.md.
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/core/index.ts [--quick] [--only=alert-latency,cpu-per-message,ingest]
 */
import { benchmarkAlertLatency, type AlertLatencyOptions } from './alert-latency.js';
import { benchmarkCpuPerMessage, type CpuPerMessageOptions } from './cpu-per-message.js';
import { benchmarkIngest, type IngestOptions } from './ingest-throughput.js';
import { cliOptions, isMain } from './lib/stats.js';

export type CoreBenchName = 'alert-latency' | 'cpu-per-message' | 'ingest';

export interface CoreBenchOptions {
  /** Smaller sizes (CI smoke, about 3 minutes instead of about 15); figures are then not comparable with the goals. */
  quick?: boolean;
  only?: CoreBenchName[];
  alertLatency?: AlertLatencyOptions;
  cpuPerMessage?: CpuPerMessageOptions;
  ingest?: IngestOptions;
}

export interface CoreBenchGoal {
  name: CoreBenchName;
  figure: string;
  goal: string;
  met: boolean;
}

const QUICK = {
  alertLatency: { clients: 200, units: 200, alerts: 40, quietAlerts: 10 },
  cpuPerMessage: { clients: 200, messages: 60, reps: 1 },
  ingest: { trackers: 300, clients: 20, durationS: 5, reps: 1 },
};

export async function runCoreBenchmarks(options: CoreBenchOptions = {}): Promise<{ results: Partial<Record<CoreBenchName, object>>; goals: CoreBenchGoal[] }> {
  const run = (name: CoreBenchName) => !options.only || options.only.includes(name);
  const results: Partial<Record<CoreBenchName, object>> = {};
  const goals: CoreBenchGoal[] = [];
  if (run('alert-latency')) {
    const r = await benchmarkAlertLatency({ ...(options.quick ? QUICK.alertLatency : {}), ...options.alertLatency });
    results['alert-latency'] = r;
    goals.push({
      name: 'alert-latency',
      met: r.goal.met,
      figure: `202→last screen p99 ${r.lianfang.loaded.acceptedToLast.p99} ms (POST sent→last p99 ${r.lianfang.loaded.sentToLast.p99} ms); bare ws p99 ${r.bareWs.sendStartToLast.p99} ms; ratio ${r.ratioP99}`,
      goal: 'p99 ≤ 1.5× bare ws and < 100 ms',
    });
  }
  if (run('cpu-per-message')) {
    const r = await benchmarkCpuPerMessage({ ...(options.quick ? QUICK.cpuPerMessage : {}), ...options.cpuPerMessage });
    results['cpu-per-message'] = r;
    goals.push({
      name: 'cpu-per-message',
      met: r.goal.met,
      figure: `${r.lianfangUsPerDelivery} µs CPU per delivery vs bare ws ${r.bareWsUsPerDelivery} µs; ratio ${r.ratio} (Socket.IO emit alone ${r.ratioSocketIoOnly})`,
      goal: '≤ 1.3× bare ws',
    });
  }
  if (run('ingest')) {
    const r = await benchmarkIngest({ ...(options.quick ? QUICK.ingest : {}), ...options.ingest });
    results.ingest = r;
    const s = r.summary[0]!;
    goals.push({
      name: 'ingest',
      met: r.goal.met,
      figure: `${s.acceptedPerSecond} fixes/s accepted (p99 ${s.p99Ms} ms, loop delay p99 ${s.eldP99Ms} ms) vs bare Fastify ${r.bareFastify.requestsPerSecond} req/s; ratio ${s.ratio}`,
      goal: '≥ 0.4× bare Fastify req/s',
    });
  }
  return { results, goals };
}

export function printGoals(goals: readonly CoreBenchGoal[]): void {
  console.log('\n== core benchmark goals ==');
  console.table(goals.map((g) => ({ benchmark: g.name, met: g.met ? 'yes' : 'NO', figure: g.figure, goal: g.goal })));
}

if (isMain(import.meta.url)) {
  const o = cliOptions();
  const { goals } = await runCoreBenchmarks({ ...(o.quick ? { quick: true } : {}), ...(o.only ? { only: String(o.only).split(',') as CoreBenchName[] } : {}) });
  printGoals(goals);
}
