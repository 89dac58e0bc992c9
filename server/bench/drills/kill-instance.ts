/**
 * Fault drill a: kill -9 one of two server instances under load. Its screens
 * must reconnect (through the load balancer, so to the survivor) within 5 s
 * and catch up with no gap and no duplicate; every alert that got a 202 must
 * be in the database and on every screen.
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/drills/kill-instance.ts [--units=300 --screens=200 --seconds=20 --kill-at=8]
 */
import { cliOptions, isMain, nowMs, round, sleep, summarize } from '../core/lib/stats.js';
import { fleetSeqStatus, fleetSetTarget } from '../load/lib/seq-status.js';
import { recordDrill, startPressing, startRig, timeUntil, verifyAlerts } from './lib/drill-kit.js';

export interface KillDrillOptions {
  units?: number;
  screens?: number;
  seconds?: number;
  killAt?: number;
  alertEveryMs?: number;
}

export async function drillKillInstance(o: KillDrillOptions = {}) {
  const size = { instances: 2, units: o.units ?? 300, screens: o.screens ?? 200, gateways: 10 };
  const seconds = o.seconds ?? 20;
  const everyMs = o.alertEveryMs ?? 200;
  const rig = await startRig(size);
  try {
    const sender = await startPressing(rig, everyMs, seconds, 60);
    await sleep((o.killAt ?? 8) * 1000);
    const victim = rig.cluster.servers[0]!;
    const before = await fleetSeqStatus(rig.fleet);
    const killedAt = nowMs();
    await victim.kill9();
    // Caught up = holds everything the survivor had applied a moment after the kill.
    await sleep(200);
    const target = await rig.cluster.headSeq();
    await fleetSetTarget(rig.fleet, target);
    const allBackMs = await timeUntil(async () => {
      const s = await fleetSeqStatus(rig.fleet);
      return s.drops > before.drops && s.connected === size.screens;
    }, 30_000);
    const caughtMs = await timeUntil(async () => (await fleetSeqStatus(rig.fleet)).caughtUp === size.screens, 30_000);
    const after = await fleetSeqStatus(rig.fleet);
    await sender.finished();
    const verdict = await verifyAlerts(rig, sender);
    const dropped = after.drops - before.drops;
    const result = {
      size,
      seconds,
      alertEveryMs: everyMs,
      killed: { name: victim.name, screensDropped: dropped, screens: size.screens },
      reconnectMs: summarize(after.backMs),
      allReconnectedMs: allBackMs,
      allCaughtUpMs: caughtMs ?? null,
      caughtUpAfterKillMs: after.caughtUpLast !== null ? round(after.caughtUpLast - killedAt) : null,
      verdict,
      goal: {
        reconnectWithin5s: after.backMs.length > 0 && Math.max(...after.backMs) <= 5000,
        noGap: verdict.seq.gaps === 0,
        noDuplicate: verdict.seq.duplicates === 0,
        nothingLost: verdict.lost === 0,
      },
    };
    return result;
  } finally {
    await rig.stop();
  }
}

if (isMain(import.meta.url)) {
  const o = cliOptions();
  const result = await drillKillInstance(o as KillDrillOptions);
  recordDrill('kill-instance', result);
}
