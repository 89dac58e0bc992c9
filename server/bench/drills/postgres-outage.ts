/**
 * Fault drill c: the database goes away under load (our own PostgreSQL
 * cluster, immediate shutdown), then comes back. Alert intake must refuse
 * clearly (503 + Retry-After) while nothing can be recorded — never a 2xx for
 * an alert that is then lost; /readyz says degraded; the instances recover by
 * themselves; the gateways' retries (same idempotency key) are then accepted
 * once each, and every acknowledged alert is in the database and on every screen.
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/drills/postgres-outage.ts [--units=300 --screens=200 --outage-s=10]
 */
import { cliOptions, isMain, nowMs, round, sleep } from '../core/lib/stats.js';
import { AlertSender } from './lib/alert-sender.js';
import { alertToScreen } from './lib/alert-to-screen.js';
import { recordDrill, startRig, timeUntil, verifyAlerts } from './lib/drill-kit.js';

export interface PostgresDrillOptions {
  units?: number;
  screens?: number;
  outageS?: number;
  alertEveryMs?: number;
}

export async function drillPostgresOutage(o: PostgresDrillOptions = {}) {
  const size = { instances: 2, units: o.units ?? 300, screens: o.screens ?? 200, gateways: 10 };
  const outageMs = (o.outageS ?? 10) * 1000;
  const everyMs = o.alertEveryMs ?? 250;
  const rig = await startRig(size);
  try {
    await sleep(2000);
    const lead = 4000;
    const sender = new AlertSender({
      baseUrl: rig.cluster.url,
      deviceKeys: rig.gatewayKeys,
      everyMs,
      count: Math.floor((lead * 2 + outageMs + 6000) / everyMs),
      retryMs: 1000,
      maxAttempts: 120,
    });
    sender.start();
    await sleep(lead);
    const downAt = nowMs();
    rig.cluster.postgres.crash();
    const degradedMs = await timeUntil(
      async () => (await Promise.all(rig.cluster.servers.map((s) => s.readyz()))).every((r) => r?.status === 'degraded' && !r.database),
      15_000,
    );
    await sleep(Math.max(0, outageMs - (nowMs() - downAt)));
    const upAt = nowMs();
    rig.cluster.postgres.startServer();
    const readyMs = await rig.cluster.untilReady(60_000);
    await sender.finished();
    const verdict = await verifyAlerts(rig, sender);
    const latency = await alertToScreen(rig, sender, { downAt, upAt });
    // Retries must not have created second alerts: one row per acknowledged press.
    const duplicatesFromRetries = verdict.alertRowsInDatabase - new Set(sender.accepted().map((p) => p.alertId)).size;
    const refusedThenAccepted = sender.accepted().filter((p) => p.statuses.length > 1).length;
    return {
      size,
      outageMs,
      alertEveryMs: everyMs,
      readyz: { degradedAfterMs: degradedMs, readyAfterRestartMs: readyMs },
      refusedThenAccepted,
      duplicatesFromRetries,
      alertToLastScreenMs: latency,
      verdict,
      recoveryMs: readyMs !== null ? round(readyMs) : null,
      goal: {
        refusedWith503: (verdict.statuses['503'] ?? 0) > 0,
        never500: !verdict.statuses['500'],
        reportedDegraded: degradedMs !== null,
        recoveredBySelf: readyMs !== null,
        nothingLost: verdict.lost === 0,
        everyPressAcceptedInTheEnd: verdict.acknowledged === verdict.presses,
        noDuplicateAlerts: duplicatesFromRetries === 0,
        noGap: verdict.seq.gaps === 0,
        noDuplicate: verdict.seq.duplicates === 0,
      },
    };
  } finally {
    await rig.stop();
  }
}

if (isMain(import.meta.url)) {
  recordDrill('postgres-outage', await drillPostgresOutage(cliOptions() as PostgresDrillOptions));
}
