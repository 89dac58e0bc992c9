import type { Fleet } from '../../core/lib/fleet.js';
import type { ScreenSeqState } from './resuming-screen.js';

/** What a set of resuming screens says about ordering and recovery (one process, or a whole fleet merged). */
export interface SeqStatus {
  screens: number;
  connected: number;
  lastSeqMin: number;
  lastSeqMax: number;
  gaps: number;
  duplicates: number;
  /** position batches merged late by design (not a fault; shown so the instrument can be checked) */
  late: number;
  snapshots: number;
  replays: number;
  drops: number;
  failedAttempts: number;
  /** Screens that reached the target seq, and when the last of them did (shared clock), or null. */
  caughtUp: number;
  caughtUpLast: number | null;
  /** Per drop: close → resumed connection, ms. */
  backMs: number[];
}

export function seqStatus(states: readonly ScreenSeqState[]): SeqStatus {
  const sum = (k: 'gaps' | 'duplicates' | 'late' | 'snapshots' | 'replays' | 'drops' | 'failedAttempts') => states.reduce((t, s) => t + s[k], 0);
  const caught = states.filter((s) => s.caughtUpAt !== null).map((s) => s.caughtUpAt!);
  return {
    screens: states.length,
    connected: states.filter((s) => s.connected).length,
    lastSeqMin: states.length ? Math.min(...states.map((s) => s.lastSeq)) : -1,
    lastSeqMax: states.length ? Math.max(...states.map((s) => s.lastSeq)) : -1,
    gaps: sum('gaps'),
    duplicates: sum('duplicates'),
    late: sum('late'),
    snapshots: sum('snapshots'),
    replays: sum('replays'),
    drops: sum('drops'),
    failedAttempts: sum('failedAttempts'),
    caughtUp: caught.length,
    caughtUpLast: caught.length ? Math.max(...caught) : null,
    backMs: states.flatMap((s) => s.backMs),
  };
}

export function mergeSeqStatus(parts: readonly SeqStatus[]): SeqStatus {
  const live = parts.filter((p) => p.screens > 0);
  const sum = (k: 'screens' | 'connected' | 'gaps' | 'duplicates' | 'late' | 'snapshots' | 'replays' | 'drops' | 'failedAttempts' | 'caughtUp') =>
    parts.reduce((t, p) => t + p[k], 0);
  const lasts = parts.map((p) => p.caughtUpLast).filter((x): x is number => x !== null);
  return {
    screens: sum('screens'),
    connected: sum('connected'),
    lastSeqMin: live.length ? Math.min(...live.map((p) => p.lastSeqMin)) : -1,
    lastSeqMax: live.length ? Math.max(...live.map((p) => p.lastSeqMax)) : -1,
    gaps: sum('gaps'),
    duplicates: sum('duplicates'),
    late: sum('late'),
    snapshots: sum('snapshots'),
    replays: sum('replays'),
    drops: sum('drops'),
    failedAttempts: sum('failedAttempts'),
    caughtUp: sum('caughtUp'),
    caughtUpLast: lasts.length ? Math.max(...lasts) : null,
    backMs: parts.flatMap((p) => p.backMs),
  };
}

/** The fleet's resuming screens, merged. */
export async function fleetSeqStatus(fleet: Fleet): Promise<SeqStatus> {
  return mergeSeqStatus(await Promise.all(fleet.procs.map((p) => p.call<SeqStatus>('seqStatus'))));
}

export async function fleetSetTarget(fleet: Fleet, seq: number): Promise<void> {
  await Promise.all(fleet.procs.map((p) => p.call('setTarget', { seq })));
}

export async function fleetDropAll(fleet: Fleet): Promise<void> {
  await Promise.all(fleet.procs.map((p) => p.call('dropAll')));
}
