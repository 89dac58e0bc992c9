/**
 * Fault drill d (issue 20): PostgreSQL and Redis go away together under load
 * (our own cluster and redis-server). Nothing can be recorded or journalled,
 * so intake must refuse clearly — 503 with Retry-After, never a 2xx for a press
 * that is then lost — and when both are back the gateways' retries (same key)
 * are accepted once each: every acknowledged press is one alert, on every screen.
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/drills/both-down.ts [--units=300 --screens=200 --outage-s=15]
 */
import { cliOptions, isMain, nowMs, round, sleep } from '../core/lib/stats.js';
import { AlertSender } from './lib/alert-sender.js';
import { type DrillLoadOptions, recordDrill, startRig, twoInstances, verifyAlerts } from './lib/drill-kit.js';

export interface BothDownDrillOptions extends DrillLoadOptions {
  outageS?: number;
}

export async function drillBothDown(o: BothDownDrillOptions = {}) {
  const size = twoInstances(o);
  const outageMs = (o.outageS ?? 15) * 1000;
  const everyMs = o.alertEveryMs ?? 250;
  const rig = await startRig(size);
  try {
    await sleep(2000);
    const lead = 4000;
    const sender = new AlertSender({
      baseUrl: rig.cluster.url,
      deviceKeys: rig.gatewayKeys,
      everyMs,
      count: Math.floor((lead * 2 + outageMs) / everyMs),
      retryMs: 1000,
      maxAttempts: 180,
    });
    sender.start();
    await sleep(lead);
    const downAt = nowMs();
    rig.cluster.postgres.crash();
    await rig.cluster.redis.kill();
    const bothDownAt = nowMs();
    await sleep(Math.max(0, outageMs - (nowMs() - downAt)));
    const upAt = nowMs();
    // Redis first (restarted empty, as after a crash without persistence), then the database.
    await rig.cluster.redis.restart();
    rig.cluster.postgres.startServer();
    const readyMs = await rig.cluster.untilReady(60_000);
    await sender.finished();
    const verdict = await verifyAlerts(rig, sender);
    const accepted = sender.accepted();
    const duplicateRows = verdict.alertRowsInDatabase - new Set(accepted.map((p) => p.alertId)).size;
    // Answered 2xx while both were down (half a second after, so a commit just before the crash is not counted): nothing could record them.
    const acceptedDuringOutage = accepted.filter((p) => p.acceptedAt! >= bothDownAt + 500 && p.acceptedAt! < upAt).length;
    return {
      size,
      outageMs,
      alertEveryMs: everyMs,
      readyAfterRestartMs: readyMs,
      refused503: verdict.statuses['503'] ?? 0,
      refusedWithoutRetryAfter: sender.noRetryAfter,
      acceptedDuringOutage,
      refusedThenAccepted: accepted.filter((p) => p.statuses.length > 1).length,
      duplicateRows,
      verdict,
      recoveryMs: readyMs !== null ? round(readyMs) : null,
      goal: {
        refusedWith503: (verdict.statuses['503'] ?? 0) > 0,
        everyRefusalSaysWhenToRetry: sender.noRetryAfter === 0,
        never500: !verdict.statuses['500'],
        nothingAcknowledgedDuringOutage: acceptedDuringOutage === 0,
        recoveredBySelf: readyMs !== null,
        nothingLost: verdict.lost === 0,
        everyPressAcceptedInTheEnd: verdict.acknowledged === verdict.presses,
        exactlyOnce: duplicateRows === 0,
        noGap: verdict.seq.gaps === 0,
        noDuplicate: verdict.seq.duplicates === 0,
      },
    };
  } finally {
    await rig.stop();
  }
}

if (isMain(import.meta.url)) {
  recordDrill('both-down', await drillBothDown(cliOptions() as BothDownDrillOptions));
}
