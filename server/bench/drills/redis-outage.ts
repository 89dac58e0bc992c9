/**
 * Fault drill b: the event bus goes away under load (our own redis-server,
 * SIGKILL), then comes back empty. Instances must keep serving (alerts accepted
 * and delivered: each instance reads what others committed from PostgreSQL
 * when the stream is silent), say "degraded" in /readyz, recover by
 * themselves, and lose nothing acknowledged.
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/drills/redis-outage.ts [--units=300 --screens=200 --outage-s=10]
 */
import { cliOptions, isMain, nowMs, round, sleep } from '../core/lib/stats.js';
import { AlertSender } from './lib/alert-sender.js';
import { recordDrill, startRig, timeUntil, verifyAlerts, type Rig } from './lib/drill-kit.js';
import { alertToScreen } from './lib/alert-to-screen.js';

export interface RedisDrillOptions {
  units?: number;
  screens?: number;
  outageS?: number;
  alertEveryMs?: number;
}

const allDegraded = (rig: Rig, part: 'eventLog' | 'database') => async () =>
  (await Promise.all(rig.cluster.servers.map((s) => s.readyz()))).every((r) => r !== null && r.status === 'degraded' && r[part] === false);

export async function drillRedisOutage(o: RedisDrillOptions = {}) {
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
    });
    sender.start();
    await sleep(lead);
    const downAt = nowMs();
    await rig.cluster.redis.kill();
    const degradedMs = await timeUntil(allDegraded(rig, 'eventLog'), 10_000);
    await sleep(Math.max(0, outageMs - (nowMs() - downAt)));
    const upAt = nowMs();
    await rig.cluster.redis.restart();
    const readyMs = await rig.cluster.untilReady(60_000);
    await sender.finished();
    const verdict = await verifyAlerts(rig, sender);
    const latency = await alertToScreen(rig, sender, { downAt, upAt });
    return {
      size,
      outageMs,
      alertEveryMs: everyMs,
      readyz: { degradedAfterMs: degradedMs, readyAfterRestartMs: readyMs },
      alertToLastScreenMs: latency,
      verdict,
      goal: {
        reportedDegraded: degradedMs !== null,
        recoveredBySelf: readyMs !== null,
        nothingLost: verdict.lost === 0,
        noGap: verdict.seq.gaps === 0,
        noDuplicate: verdict.seq.duplicates === 0,
        noRefusals: Object.keys(verdict.statuses).every((s) => s === '202'),
      },
      recoveryMs: readyMs !== null ? round(readyMs) : null,
    };
  } finally {
    await rig.stop();
  }
}

if (isMain(import.meta.url)) {
  recordDrill('redis-outage', await drillRedisOutage(cliOptions() as RedisDrillOptions));
}
