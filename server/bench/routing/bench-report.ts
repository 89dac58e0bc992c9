import { pathToFileURL } from 'node:url';

/**
 * Median and best wall time of several runs of fn (one warm-up run first), plus the mean CPU
 * time per run: on a shared machine the wall time includes waiting for a core, the CPU time does not.
 */
export function timeRuns(fn: () => void, runs: number): { medianMs: number; minMs: number; cpuMs: number } {
  fn();
  const times: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  const cpu = process.cpuUsage(cpuBefore);
  times.sort((a, b) => a - b);
  return { medianMs: round(times[Math.floor(times.length / 2)]!), minMs: round(times[0]!), cpuMs: round((cpu.user + cpu.system) / 1000 / runs) };
}

export function timeOnce<T>(fn: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = fn();
  return { result, ms: round(performance.now() - started) };
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export const megabytes = (bytes: number): number => round(bytes / 1024 / 1024, 2);

/** One machine-readable line (for CI and docs/performance.md), then a table for people. */
export function printReport(name: string, summary: object, rows: ReadonlyArray<Readonly<Record<string, string | number | boolean>>>): void {
  console.log(JSON.stringify({ bench: name, ...summary }));
  console.table(rows);
}

/** True when this module is the script tsx was started with (not imported by run-all). */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;
}
