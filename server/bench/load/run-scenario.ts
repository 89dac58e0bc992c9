/**
 * One scenario on one cluster size: N instances behind the load balancer with
 * PostgreSQL and Redis of their own; units report at 1 Hz through the load
 * balancer; resuming screens (Engine.IO over raw WebSocket) audit every seq;
 * alerts are posted on a fixed schedule. Everything through 127.0.0.1, every
 * loop bounded in count and time.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { alertLatencies, type Latencies } from '../core/alert-latency.js';
import { Cluster } from '../cluster/cluster.js';
import { adminLogin, alertsInDatabase, createGatewaysOverHttp, createUnitsOverHttp } from '../cluster/cluster-setup.js';
import { Fleet, postAlerts, type PostedAlert } from '../core/lib/fleet.js';
import { startProcess, type BenchProcess } from '../core/lib/proc.js';
import { nowMs, round, sleep, summarize, type Summary } from '../core/lib/stats.js';
import { summarizeProfile } from '../core/profile-summary.js';
import { timeUntil } from '../drills/lib/drill-kit.js';
import { coresBusy, machineBusy, processCpuMs, treeCpuMs } from './lib/proc-cpu.js';
import { fleetDropAll, fleetSeqStatus, fleetSetTarget, type SeqStatus } from './lib/seq-status.js';
import type { ScenarioSpec } from './scenarios.js';

const REPORTER_PROC = new URL('../core/lib/reporter-proc.ts', import.meta.url);

export interface StormResult {
  droppedScreens: number;
  allReconnectedMs: number | null;
  allCaughtUpMs: number | null;
  reconnectMs: Summary;
  snapshotsInsteadOfReplay: number;
}

export interface ScenarioResult {
  scenario: string;
  instances: number;
  units: number;
  screens: number;
  loadavgStart: number[];
  loadavgEnd: number[];
  setup: { unitsMs: number; connectMs: number };
  positions: { offeredPerSecond: number; acceptedPerSecond: number; skippedByTrackers: number; notOk: number; errors: number; latencyMs: Summary };
  alerts: Latencies & { posted: number; lost: number; inDatabase: number; incidents: number };
  memory: { rssBeforeMb: number; rssAfterMb: number; mbPer1000Screens: number };
  cpu: { instancesCores: number[]; machineBusyCores: number; windowMs: number; byPart: Record<string, number> };
  seq: Omit<SeqStatus, 'backMs'>;
  storm?: StormResult;
  profile?: ReturnType<typeof summarizeProfile>;
}

export interface RunOptions {
  instances: number;
  clientProcesses?: number;
  profileDir?: string;
}

export async function runScenario(spec: ScenarioSpec, o: RunOptions): Promise<ScenarioResult> {
  const loadavgStart = loadavg().map((x) => round(x));
  const cluster = await Cluster.start({ instances: o.instances, ...(o.profileDir ? { cpuProfDir: o.profileDir } : {}) });
  let fleet: Fleet | undefined;
  let reporter: BenchProcess | undefined;
  let result: Omit<ScenarioResult, 'profile'> | undefined;
  try {
    const token = await adminLogin(cluster.url);
    const t0 = nowMs();
    const trackerIds = await createUnitsOverHttp(cluster.url, token, spec.units);
    const unitsMs = round(nowMs() - t0);
    const keys = await createGatewaysOverHttp(cluster.url, token, spec.alerts.devices);
    const rss = () => cluster.servers.reduce((t, s) => t + s.rssMb(), 0);
    await sleep(1000);
    const rssBeforeMb = round(rss());
    fleet = await Fleet.start(o.clientProcesses ?? (spec.screens >= 500 ? 2 : 1));
    const storm = spec.name === 'reconnect-storm';
    const conn = await fleet.connect({ url: cluster.url, token, mode: 'resume', count: spec.screens, reconnectDelayMs: storm ? 0 : 500 });
    if (conn.connected !== spec.screens) throw new Error(`only ${conn.connected} of ${spec.screens} screens connected`);
    await sleep(2000);
    const rssAfterMb = round(rss());

    reporter = await startProcess('reporter', REPORTER_PROC);
    await reporter.call('start', { url: cluster.url, trackerIds, periodMs: 1000, maxMs: 1_800_000 });
    await sleep(3000);
    await fleet.collect(true);
    const cpu0 = cluster.servers.map((s) => processCpuMs(s.pid));
    // Where the machine's time goes, by part of the rig (to name the bottleneck on a shared 2-core box).
    const parts = (): Record<string, number> => ({
      servers: cluster.servers.reduce((t, s) => t + processCpuMs(s.pid), 0),
      postgres: treeCpuMs(cluster.postgres.pid),
      redis: processCpuMs(cluster.redis.pid),
      'load balancer': processCpuMs(cluster.lb.pid),
      'runner (alerts, IPC)': (process.cpuUsage().user + process.cpuUsage().system) / 1000,
      trackers: processCpuMs(reporter!.pid),
      screens: fleet!.procs.reduce((t, p) => t + processCpuMs(p.pid), 0),
    });
    const parts0 = parts();
    const machine0 = machineBusy();
    const w0 = nowMs();

    const gaps = Array.from({ length: spec.alerts.count }, (_, i) => (i === 0 ? 200 : spec.alerts.everyMs));
    let posted: PostedAlert[];
    let stormResult: StormResult | undefined;
    if (storm) {
      const warm = await postAlerts(cluster.lb.port, keys, [200, 200]);
      await fleet.waitForAlerts(
        warm.filter((p) => p.alertId).map((p) => p.alertId),
        spec.screens,
        15_000,
      );
      const before = await fleetSeqStatus(fleet);
      const droppedAt = nowMs();
      await fleetDropAll(fleet);
      // Caught up = holds an event committed after the drop: the first alert of the storm (and what came before it).
      const first = await postAlerts(cluster.lb.port, keys, [0]);
      await fleetSetTarget(fleet, await cluster.headSeq());
      const during = postAlerts(cluster.lb.port, keys, gaps.slice(1));
      const reconnected = await timeUntil(
        async () => {
          const s = await fleetSeqStatus(fleet!);
          return s.drops - before.drops >= spec.screens && s.connected === spec.screens;
        },
        120_000,
        50,
      );
      const allReconnectedMs = reconnected !== null ? round(nowMs() - droppedAt) : null;
      await timeUntil(async () => (await fleetSeqStatus(fleet!)).caughtUp === spec.screens, 120_000, 50);
      const after = await fleetSeqStatus(fleet);
      posted = [...warm, ...first, ...(await during)];
      stormResult = {
        droppedScreens: after.drops - before.drops,
        allReconnectedMs,
        allCaughtUpMs: after.caughtUpLast !== null && after.caughtUp === spec.screens ? round(after.caughtUpLast - droppedAt) : null,
        reconnectMs: summarize(after.backMs),
        snapshotsInsteadOfReplay: after.snapshots - before.snapshots,
      };
    } else {
      posted = await postAlerts(cluster.lb.port, keys, gaps);
      // A normal night keeps the positions flowing for its whole window.
      const rest = spec.durationS * 1000 - (nowMs() - w0);
      if (spec.name === 'normal-night' && rest > 0) await sleep(rest);
    }
    const ids = posted.filter((p) => p.status === 202).map((p) => p.alertId);
    const got = await fleet.waitForAlerts(ids, spec.screens, 30_000);
    const windowMs = nowMs() - w0;
    const instancesCores = cluster.servers.map((s, i) => coresBusy(cpu0[i]!, processCpuMs(s.pid), windowMs));
    const machineBusyCores = machineBusy(machine0);
    const parts1 = parts();
    const byPart = Object.fromEntries(Object.keys(parts1).map((k) => [k, coresBusy(parts0[k]!, parts1[k]!, windowMs)]));
    const rep = await reporter.call<{
      sent: number;
      ok: number;
      notOk: number;
      errors: number;
      skipped: number;
      seconds: number;
      okPerSecond: number;
      latencyMs: Summary;
    }>('stop');
    const db = await alertsInDatabase(cluster.databaseUrl, ids);
    const { backMs: _omit, ...seq } = await fleetSeqStatus(fleet);
    const latencies = alertLatencies(posted, got, spec.screens);
    result = {
      scenario: spec.name,
      instances: o.instances,
      units: spec.units,
      screens: spec.screens,
      loadavgStart,
      loadavgEnd: loadavg().map((x) => round(x)),
      setup: { unitsMs, connectMs: conn.ms },
      positions: {
        offeredPerSecond: spec.units,
        acceptedPerSecond: rep.okPerSecond,
        skippedByTrackers: rep.skipped,
        notOk: rep.notOk,
        errors: rep.errors,
        latencyMs: rep.latencyMs,
      },
      alerts: {
        ...latencies,
        posted: posted.length,
        lost: db.missing.length + (ids.length - latencies.complete),
        inDatabase: db.present,
        incidents: db.incidents,
      },
      memory: { rssBeforeMb, rssAfterMb, mbPer1000Screens: round(((rssAfterMb - rssBeforeMb) / spec.screens) * 1000) },
      cpu: { instancesCores, machineBusyCores, windowMs: round(windowMs), byPart },
      seq,
      ...(stormResult ? { storm: stormResult } : {}),
    };
  } finally {
    if (reporter) {
      await reporter.call('stop').catch(() => {});
      await reporter.stop();
    }
    if (fleet) {
      await fleet.disconnect().catch(() => {});
      await fleet.stop();
    }
    await cluster.stop();
  }
  // The profile of the first instance is written when it stops (node --cpu-prof).
  const file = o.profileDir ? join(o.profileDir, 'server-1.cpuprofile') : undefined;
  // Self time outside "(native/vm)" (idle, GC and the program counter's unknowns).
  return { ...result, ...(file && existsSync(file) ? { profile: summarizeProfile(file, 12, /^(?!\(native\/vm\))/) } : {}) };
}
