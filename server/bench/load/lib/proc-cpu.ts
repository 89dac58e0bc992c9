import os from 'node:os';
import { readFileSync } from 'node:fs';
import { round } from '../../core/lib/stats.js';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU milliseconds a process has used so far (user + system), from /proc/<pid>/stat; NaN when gone. */
export function processCpuMs(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}

/** CPU ms of a process and its children (a PostgreSQL postmaster and its backends), from /proc. */
export function treeCpuMs(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // gone, or no children file
  }
  return children.reduce((t, c) => t + (processCpuMs(c) || 0), processCpuMs(pid) || 0);
}

/** Cores a process kept busy between two readings over `wallMs`. */
export function coresBusy(cpuMsBefore: number, cpuMsAfter: number, wallMs: number): number {
  return round((cpuMsAfter - cpuMsBefore) / wallMs, 3);
}

/** Busy cores of the whole machine (everyone's processes) since `from`, from the kernel's per-CPU times. */
export function machineBusy(): { busy: number; total: number };
export function machineBusy(from: { busy: number; total: number }): number;
export function machineBusy(from?: { busy: number; total: number }): { busy: number; total: number } | number {
  const cpus = os.cpus();
  let busy = 0;
  let total = 0;
  for (const c of cpus) {
    const t = c.times.user + c.times.nice + c.times.sys + c.times.irq + c.times.idle;
    total += t;
    busy += t - c.times.idle;
  }
  if (!from) return { busy, total };
  return round(((busy - from.busy) / Math.max(1, total - from.total)) * cpus.length, 3);
}
