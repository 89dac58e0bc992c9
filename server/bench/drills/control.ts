/**
 * The control run beside every drill: the same rig, load and screens, no fault.
 * It must show 0 gaps, 0 duplicates and nothing lost under the shared judge; if
 * it does not, the instrument (or the product without any fault) is wrong, and
 * the drill beside it proves nothing.
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/drills/control.ts [--units=300 --screens=200 --seconds=20]
 */
import { cliOptions, isMain } from '../core/lib/stats.js';
import { fleetSeqStatus, fleetSetTarget } from '../load/lib/seq-status.js';
import { recordDrill, startPressing, startRig, timeUntil, verifyAlerts } from './lib/drill-kit.js';

export interface ControlOptions {
  units?: number;
  screens?: number;
  seconds?: number;
  alertEveryMs?: number;
}

export async function drillControl(o: ControlOptions = {}) {
  const size = { instances: 2, units: o.units ?? 300, screens: o.screens ?? 200, gateways: 10 };
  const seconds = o.seconds ?? 20;
  const everyMs = o.alertEveryMs ?? 200;
  const rig = await startRig(size);
  try {
    const sender = await startPressing(rig, everyMs, seconds, 60);
    await sender.finished();
    const target = await rig.cluster.headSeq();
    await fleetSetTarget(rig.fleet, target);
    const caughtMs = await timeUntil(async () => (await fleetSeqStatus(rig.fleet)).caughtUp === size.screens, 30_000);
    const after = await fleetSeqStatus(rig.fleet);
    const verdict = await verifyAlerts(rig, sender);
    return {
      size,
      seconds,
      alertEveryMs: everyMs,
      allCaughtUpMs: caughtMs,
      latePositionBatches: after.late,
      drops: after.drops,
      verdict,
      goal: {
        noGap: verdict.seq.gaps === 0,
        noDuplicate: verdict.seq.duplicates === 0,
        nothingLost: verdict.lost === 0,
        noDrop: after.drops === 0,
      },
    };
  } finally {
    await rig.stop();
  }
}

if (isMain(import.meta.url)) {
  const result = await drillControl(cliOptions() as ControlOptions);
  recordDrill('control', result);
}
