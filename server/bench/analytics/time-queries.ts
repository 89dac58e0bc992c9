import { round } from '../routing/bench-report.js';
import type { DashboardQuery } from './bench-queries.js';

export interface QueryTiming {
  name: string;
  /** rows in the reply (a sanity check that the query did its work) */
  rows: number | null;
  medianMs: number | null;
  minMs: number | null;
  maxMs: number | null;
  /** median CPU time of the PostgreSQL backend per run (load-independent); null where /proc is not readable */
  cpuMs: number | null;
  warmupMs: number | null;
  runs: number;
}

const RUNS = 5;
// A query slower than this in its warm-up is timed once more instead of five times, so a "before" scan cannot eat the budget.
const SLOW_MS = 5000;

function rowsOf(result: unknown): number | null {
  if (Array.isArray(result)) return result.length;
  if (result && typeof result === 'object') {
    const r = result as { rows?: unknown; points?: unknown };
    if (Array.isArray(r.rows)) return r.rows.length;
    if (Array.isArray(r.points)) return r.points.length;
  }
  return null;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await fn();
  return { ms: performance.now() - started, result };
}

/** Median wall time of 5 runs after one warm-up, per query, one query at a time; skips what would pass the deadline. */
export async function timeQueries(
  queries: readonly DashboardQuery[],
  run: (q: DashboardQuery) => Promise<unknown>,
  deadlineMs: number,
  cpu: () => Promise<number | null> = async () => null,
): Promise<QueryTiming[]> {
  const out: QueryTiming[] = [];
  for (const q of queries) {
    if (Date.now() > deadlineMs) {
      out.push({ name: q.name, rows: null, medianMs: null, minMs: null, maxMs: null, cpuMs: null, warmupMs: null, runs: 0 });
      continue;
    }
    const warm = await timed(() => run(q)).catch((err: unknown) => {
      console.error(`${q.name}: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    });
    if (!warm) {
      out.push({ name: q.name, rows: null, medianMs: null, minMs: null, maxMs: null, cpuMs: null, warmupMs: null, runs: 0 });
      continue;
    }
    const times: number[] = [];
    const cpuTimes: number[] = [];
    const runs = warm.ms > SLOW_MS ? 1 : RUNS;
    for (let i = 0; i < runs && Date.now() < deadlineMs; i++) {
      const cpuBefore = await cpu();
      times.push((await timed(() => run(q))).ms);
      const cpuAfter = await cpu();
      if (cpuBefore !== null && cpuAfter !== null) cpuTimes.push(cpuAfter - cpuBefore);
    }
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    const cpuMs = cpuTimes.length > 0 ? cpuTimes[Math.floor(cpuTimes.length / 2)]! : null;
    const median = times.length > 0 ? times[Math.floor(times.length / 2)]! : warm.ms;
    out.push({
      name: q.name,
      rows: rowsOf(warm.result),
      medianMs: round(median, 1),
      minMs: round(times[0] ?? warm.ms, 1),
      maxMs: round(times[times.length - 1] ?? warm.ms, 1),
      cpuMs,
      warmupMs: round(warm.ms, 1),
      runs: times.length,
    });
    console.error(
      `${q.name}: median ${round(median, 1)} ms, max ${round(times[times.length - 1] ?? warm.ms, 1)} ms, backend CPU ${cpuMs ?? '?'} ms (${times.length} runs)`,
    );
  }
  return out;
}
