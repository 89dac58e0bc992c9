/**
 * Fault drill c (issue 20): PostgreSQL goes away under load (our own cluster,
 * immediate shutdown) for `--outage-s` (60), Redis stays. No press may be
 * refused: each is accepted into the intake journal (202 journalled), shown on
 * the screens at once, and when the database is back written in order, exactly
 * once. Half-way through the outage one instance is killed (kill -9): what it
 * journalled must not be lost, and a press whose reply it took with it is
 * retried by the gateway (same key) and still becomes one alert. With
 * `--kill-at=replay` the instance holding the writer's lease is killed instead,
 * while it writes the journal back: the other takes the lease over, and no
 * press may be written twice or out of order.
 *
 *   cd server && npx tsx --conditions=lianfang-src bench/drills/postgres-outage.ts [--units=300 --screens=200 --outage-s=60 --no-kill | --kill-at=replay]
 */
import { cliOptions, isMain, nowMs, round, sleep, summarize } from '../core/lib/stats.js';
import { AlertSender } from './lib/alert-sender.js';
import { alertToScreen } from './lib/alert-to-screen.js';
import { type DrillLoadOptions, recordDrill, startRig, timeUntil, twoInstances, verifyAlerts } from './lib/drill-kit.js';
import { JournalWatch, outOfOrder, recordedOrder } from './lib/journal-watch.js';

export interface PostgresDrillOptions extends DrillLoadOptions {
  outageS?: number;
  noKill?: boolean;
  /** 'outage' (default): an instance killed half-way through the outage; 'replay': the journal's writer killed while it writes. */
  killAt?: 'outage' | 'replay';
}

export async function drillPostgresOutage(o: PostgresDrillOptions = {}) {
  const size = twoInstances(o);
  const outageMs = (o.outageS ?? 60) * 1000;
  const everyMs = o.alertEveryMs ?? 250;
  const kill = o.noKill === undefined;
  const rig = await startRig(size);
  // The observer screen on the instance that stays (a screen on the killed one would miss presses while away).
  const watch = new JournalWatch(rig.cluster.servers[1]!.url, rig.token, rig.cluster.redis.url);
  try {
    await sleep(2000);
    const lead = 4000;
    const sender = new AlertSender({
      baseUrl: rig.cluster.url,
      deviceKeys: rig.gatewayKeys,
      everyMs,
      count: Math.floor((lead * 2 + outageMs) / everyMs),
      retryMs: 1000,
      maxAttempts: 120,
    });
    sender.start();
    await sleep(lead);
    const downAt = nowMs();
    rig.cluster.postgres.crash();
    const degradedMs = await timeUntil(
      async () =>
        (await Promise.all(rig.cluster.servers.filter((s) => s.running).map((s) => s.readyz()))).every((r) => r?.status === 'degraded' && !r.database),
      15_000,
    );
    let killedAt: number | null = null;
    let killed: { name: string; pid: number | undefined; waitingInJournal: number | null } | null = null;
    const killAtReplay = kill && o.killAt === 'replay';
    if (kill && !killAtReplay) {
      await sleep(Math.max(0, outageMs / 2 - (nowMs() - downAt)));
      killedAt = nowMs();
      killed = { name: rig.cluster.servers[0]!.name, pid: rig.cluster.servers[0]!.pid, waitingInJournal: await watch.length() };
      await rig.cluster.servers[0]!.kill9();
    }
    await sleep(Math.max(0, outageMs - (nowMs() - downAt)));
    const journalledAtPeak = await watch.length();
    const upAt = nowMs();
    rig.cluster.postgres.startServer();
    const readyMs = await rig.cluster.untilReady(60_000);
    if (killAtReplay) {
      // Kill the instance that holds the writer's lease once it has written some of the journal, not all.
      const peak = journalledAtPeak ?? 0;
      await timeUntil(async () => ((await watch.length()) ?? peak) < peak * 0.8, 60_000, 50);
      const pid = await watch.writerPid();
      const writer = rig.cluster.servers.find((s) => s.pid === pid) ?? rig.cluster.servers[0]!;
      killedAt = nowMs();
      killed = { name: writer.name, pid: writer.pid, waitingInJournal: await watch.length() };
      await writer.kill9();
    }
    const drainedMs = await timeUntil(async () => (await watch.length()) === 0, 120_000, 200);
    await sender.finished();
    const verdict = await verifyAlerts(rig, sender);
    const latency = await alertToScreen(rig, sender, { downAt, upAt });
    const accepted = sender.accepted();
    const journalled = accepted.filter((p) => p.journalled);
    // Shown at once: from the 202 to the observer screen's "received, not yet recorded".
    const shown = journalled.filter((p) => watch.shownAt.has(p.alertId!)).map((p) => watch.shownAt.get(p.alertId!)! - p.acceptedAt!);
    // One row per acknowledged press (retries with the same key included).
    const distinct = new Set(accepted.map((p) => p.alertId)).size;
    const duplicateRows = verdict.alertRowsInDatabase - distinct;
    // Order: among the presses answered at the first attempt, none recorded before one answered before it was sent.
    const firstTry = accepted.filter((p) => p.statuses.length === 1);
    const recorded = await recordedOrder(
      rig.cluster.databaseUrl,
      firstTry.map((p) => p.alertId!),
    );
    const misorderedIds = outOfOrder(
      firstTry.map((p) => ({ id: p.alertId!, sentAt: p.sentAt, answeredAt: p.acceptedAt! })),
      recorded.map((r) => r.id),
    );
    const misordered = misorderedIds.length;
    // For a post-mortem: the presses around each misordered one, when sent and answered, journalled or not, and their place.
    const byId = new Map(recorded.map((r) => [r.id, r]));
    const wallMs = Date.now() - nowMs();
    const misorderedPresses = accepted
      .filter((p) => misorderedIds.some((id) => Math.abs(accepted.find((q) => q.alertId === id)!.i - p.i) <= 2))
      .map((p) => ({
        i: p.i,
        journalled: p.journalled,
        sentMs: round(p.sentAt - downAt),
        answeredMs: round(p.acceptedAt! - downAt),
        receivedMs: byId.has(p.alertId!) ? round(byId.get(p.alertId!)!.receivedAt - wallMs - downAt) : null,
        place: byId.get(p.alertId!)?.seq ?? null,
      }));
    const refused = verdict.statuses['503'] ?? 0;
    return {
      size,
      outageMs,
      alertEveryMs: everyMs,
      killed: killed
        ? { ...killed, at: killAtReplay ? 'while writing the journal' : 'during the outage', afterOutageStartMs: round(killedAt! - downAt) }
        : null,
      readyz: { degradedAfterMs: degradedMs, readyAfterRestartMs: readyMs },
      journal: {
        journalled: journalled.length,
        waitingWhenTheDatabaseReturned: journalledAtPeak,
        writtenWithinMsOfReturn: drainedMs,
        shownOnScreenMs: summarize(shown),
        shownOnScreen: shown.length,
        settledOnScreen: watch.recorded,
        refusedOnReplay: watch.refused,
      },
      refused503: refused,
      retriedAfterNoAnswer: accepted.filter((p) => p.statuses.length > 1).length,
      duplicateRows,
      misordered,
      misorderedPresses,
      alertToLastScreenMs: latency,
      verdict,
      recoveryMs: readyMs !== null ? round(readyMs) : null,
      goal: {
        noneRefused: refused === 0,
        never500: !verdict.statuses['500'],
        pressesJournalled: journalled.length > 0,
        shownAtOnce: shown.length === journalled.length,
        reportedDegraded: degradedMs !== null,
        journalWritten: drainedMs !== null,
        nothingLost: verdict.lost === 0,
        everyPressAccepted: verdict.acknowledged === verdict.presses,
        exactlyOnce: duplicateRows === 0,
        orderKept: misordered === 0,
        noGap: verdict.seq.gaps === 0,
        noDuplicate: verdict.seq.duplicates === 0,
      },
    };
  } finally {
    watch.close();
    await rig.stop();
  }
}

if (isMain(import.meta.url)) {
  recordDrill('postgres-outage', await drillPostgresOutage(cliOptions() as PostgresDrillOptions));
}
