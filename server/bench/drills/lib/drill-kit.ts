/**
 * What every fault drill shares: a cluster under load (units reporting at
 * 1 Hz through the load balancer, resuming screens, a gateway pressing), and
 * the verdict at the end — every acknowledged alert in the database and on
 * every screen, no gap, no duplicate.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Cluster } from '../../cluster/cluster.js';
import { adminLogin, alertsInDatabase, createGatewaysOverHttp, createUnitsOverHttp } from '../../cluster/cluster-setup.js';
import { Fleet } from '../../core/lib/fleet.js';
import { startProcess, type BenchProcess } from '../../core/lib/proc.js';
import { machine, nowMs, round, sleep, summarize } from '../../core/lib/stats.js';
import { fleetSeqStatus, type SeqStatus } from '../../load/lib/seq-status.js';
import { AlertSender } from './alert-sender.js';

const REPORTER_PROC = new URL('../../core/lib/reporter-proc.ts', import.meta.url);

export interface DrillSize {
  instances: number;
  units: number;
  screens: number;
  gateways: number;
  clientProcesses?: number;
}

/** The load every drill can be sized by on the command line. */
export interface DrillLoadOptions {
  units?: number;
  screens?: number;
  alertEveryMs?: number;
}

/** Two instances, ten gateways, and the documented size (300 units, 200 screens) unless told otherwise. */
export const twoInstances = (o: DrillLoadOptions): DrillSize => ({ instances: 2, units: o.units ?? 300, screens: o.screens ?? 200, gateways: 10 });

export interface Rig {
  cluster: Cluster;
  fleet: Fleet;
  reporter: BenchProcess;
  token: string;
  gatewayKeys: string[];
  size: DrillSize;
  stop(): Promise<void>;
}

export async function startRig(size: DrillSize, env: Record<string, string> = {}): Promise<Rig> {
  const cluster = await Cluster.start({ instances: size.instances, env });
  let fleet: Fleet | undefined;
  let reporter: BenchProcess | undefined;
  try {
    const token = await adminLogin(cluster.url);
    const trackerIds = await createUnitsOverHttp(cluster.url, token, size.units);
    const gatewayKeys = await createGatewaysOverHttp(cluster.url, token, size.gateways);
    fleet = await Fleet.start(size.clientProcesses ?? 1);
    const conn = await fleet.connect({ url: cluster.url, token, mode: 'resume', count: size.screens, reconnectDelayMs: 500 });
    if (conn.connected !== size.screens) throw new Error(`only ${conn.connected} of ${size.screens} screens connected`);
    reporter = await startProcess('reporter', REPORTER_PROC);
    await reporter.call('start', { url: cluster.url, trackerIds, periodMs: 1000, maxMs: 600_000 });
    const f = fleet;
    const r = reporter;
    return {
      cluster,
      fleet,
      reporter,
      token,
      gatewayKeys,
      size,
      async stop() {
        await r.call('stop').catch(() => {});
        await r.stop();
        await f.disconnect().catch(() => {});
        await f.stop();
        await cluster.stop();
      },
    };
  } catch (err) {
    await reporter?.stop();
    await fleet?.stop();
    await cluster.stop();
    throw err;
  }
}

/**
 * After the rig has settled (2 s), the gateways press every `everyMs` for `seconds`
 * through the balancer, retrying what got no 2xx (same key) every second.
 */
export async function startPressing(rig: Rig, everyMs: number, seconds: number, maxAttempts = 120): Promise<AlertSender> {
  await sleep(2000);
  const sender = new AlertSender({
    baseUrl: rig.cluster.url,
    deviceKeys: rig.gatewayKeys,
    everyMs,
    count: Math.floor((seconds * 1000) / everyMs),
    retryMs: 1000,
    maxAttempts,
  });
  sender.start();
  return sender;
}

/** Polls until `done()` or the time is up; returns the ms it took, or null. Bounded by `timeoutMs`. */
export async function timeUntil(done: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<number | null> {
  const started = nowMs();
  while (nowMs() - started < timeoutMs) {
    if (await done()) return round(nowMs() - started);
    await sleep(everyMs);
  }
  return null;
}

export interface AlertVerdict {
  presses: number;
  acknowledged: number;
  statuses: Record<string, number>;
  inDatabase: number;
  missingFromDatabase: string[];
  alertRowsInDatabase: number;
  onEveryScreen: number;
  missingOnSomeScreen: number;
  /** Acknowledged alerts not in the database, or not on every screen: must be 0. */
  lost: number;
  sentToAccepted: ReturnType<typeof summarize>;
  seq: SeqStatus;
}

/** Waits (bounded) for every acknowledged alert to reach every screen, then checks database and screens. */
export async function verifyAlerts(rig: Rig, sender: AlertSender, waitMs = 30_000): Promise<AlertVerdict> {
  const acked = sender.accepted();
  const ids = acked.map((p) => p.alertId!);
  const got = await rig.fleet.waitForAlerts(ids, rig.size.screens, waitMs);
  const onEvery = ids.filter((id) => (got.alerts.get(id)?.n ?? 0) >= rig.size.screens).length;
  const db = await alertsInDatabase(rig.cluster.databaseUrl, ids);
  const seq = await fleetSeqStatus(rig.fleet);
  return {
    presses: sender.presses.length,
    acknowledged: acked.length,
    statuses: sender.statusCounts(),
    inDatabase: db.present,
    missingFromDatabase: db.missing,
    alertRowsInDatabase: db.alerts,
    onEveryScreen: onEvery,
    missingOnSomeScreen: ids.length - onEvery,
    lost: new Set([...db.missing, ...ids.filter((id) => (got.alerts.get(id)?.n ?? 0) < rig.size.screens)]).size,
    sentToAccepted: summarize(acked.map((p) => p.acceptedAt! - p.sentAt)),
    seq: { ...seq, backMs: [] },
  };
}

/** Writes bench-results/drills/<name>.json and prints the one machine-readable line. */
export function recordDrill(name: string, result: object): void {
  const dir = new URL('../../../../bench-results/drills/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const out = {
    drill: name,
    at: new Date().toISOString(),
    ...machine(),
    loadavg: loadavg().map((x) => round(x)),
    command: process.argv.slice(1).join(' '),
    ...result,
  };
  writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(out, null, 2)}\n`);
  console.log(JSON.stringify(out));
}
