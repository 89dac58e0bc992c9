import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';

/**
 * The one clock every bench process shares: process.hrtime reads Linux's
 * CLOCK_MONOTONIC, which is system-wide, so a timestamp taken in the poster and
 * one taken in a client process on the same machine can be subtracted directly
 * (unlike performance.now(), whose origin is per process).
 */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Nearest-rank percentile of an unsorted sample (copy sorted inside). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Summary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: readonly number[]): Summary {
  const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
  return {
    n: values.length,
    p50: round(percentile(values, 50)),
    p90: round(percentile(values, 90)),
    p99: round(percentile(values, 99)),
    // A loop, not Math.max(...values): a reporter's latencies can be millions long (spread overflows the stack).
    max: round(values.length ? values.reduce((m, v) => (v > m ? v : m), -Infinity) : Number.NaN),
    mean: round(mean),
  };
}

/** The code measured: commit, and how many files under server/src and shared/src differ from it (others edit while we measure). */
function codeVersion(): { commit: string; dirtyFiles: number } {
  try {
    const cwd = new URL('../../../../', import.meta.url).pathname;
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server/src', 'shared/src'], { cwd, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean).length;
    return { commit, dirtyFiles: dirty };
  } catch {
    return { commit: 'unknown', dirtyFiles: -1 };
  }
}

export function machine(): { nproc: number; cpu: string; node: string; loadavg1: number; commit: string; dirtyFiles: number } {
  return { nproc: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, loadavg1: round(loadavg()[0] ?? 0), ...codeVersion() };
}

/** One machine-readable line (the contract with run-all and CI), after a table for people. */
export function printReport(name: string, summary: object, rows: ReadonlyArray<Record<string, unknown>>): void {
  console.log(`\n== ${name} ==`);
  console.table(rows);
  console.log(JSON.stringify({ bench: name, ...summary }));
}

/** True when this module is the script tsx was started with (not imported by index/run-all). */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;
}

/** `--name=value` flags of the command line, as numbers when they look like numbers. */
export function cliOptions(argv = process.argv.slice(2)): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const arg of argv) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(arg);
    if (!m) continue;
    const key = m[1]!.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    const raw = m[2];
    out[key] = raw === undefined ? true : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  }
  return out;
}
