import { join } from 'node:path';
import type { LogEntry } from '@lianfang/shared';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { createPgDatabase } from './db/pg-database.js';
import { createPgliteDatabase } from './db/pglite-database.js';
import { Broadcaster, type EmitTo } from './transport/socket/broadcaster.js';
import { CommandBus } from './pipeline/command-bus.js';
import type { EventLog } from './pipeline/event-log.js';
import { EventRelay } from './pipeline/event-relay.js';
import { LivePicture } from './modules/live-picture.js';
import { MemoryEventLog } from './pipeline/memory-event-log.js';
import { currentSeq } from './pipeline/outbox.js';
import { SILENT, bindingEvents, unboundReporter, type OpsLog } from './pipeline/binding-report.js';
import { openRedisEventLog } from './pipeline/open-redis-event-log.js';
import { Sequencer } from './pipeline/sequencer.js';
import { Metrics } from './observability/metrics.js';
import { AlertService } from './modules/alerts/alert-service.js';
import { PositionIngest } from './modules/positions/position-ingest.js';
import { ClockWatcher } from './modules/incidents/clock-watcher.js';
import { DispatchService } from './modules/dispatch/dispatch-service.js';
import { EscalationService } from './modules/incidents/escalation-service.js';
import { LifecycleService } from './modules/incidents/lifecycle-service.js';
import { InAppNotifier, WebhookNotifier } from './modules/incidents/notifier.js';
import { OnSceneWatcher } from './modules/incidents/on-scene-watcher.js';
import { KeyAreaWatcher } from './modules/key-areas/key-area-watcher.js';
import { KeyAreaVisitMinutes } from './modules/key-areas/key-area-visit-minutes.js';
import { KeyAreaVisitCatchUp } from './modules/key-areas/key-area-visit-catch-up.js';
import { PlanService } from './modules/emergency-plans/plan-service.js';
import { AckTimeoutWatcher } from './modules/dispatch/ack-timeout-watcher.js';
import { PatrolDutyWatcher } from './modules/patrols/patrol-duty-watcher.js';
import { SessionStore } from './modules/users-auth/session-store.js';
import { SessionTokens } from './modules/users-auth/session-tokens.js';
import { loadOrCreateSecret } from './modules/users-auth/user-repository.js';
import { loadRoadNetwork, type RoadNetwork } from './modules/roads/road-network.js';
import { AdviceService } from './modules/dispatch/advice-service.js';
import { CandidateService } from './modules/dispatch/candidate-service.js';
import { PublisherLease } from './pipeline/publisher-lease.js';
import { CoverageService } from './modules/coverage/coverage-service.js';

/**
 * Everything stateful one server instance runs, wired in dependency order:
 * database → migrations → live picture at seq S → log subscription after S →
 * sequencer → picture + broadcaster. Routes and socket handlers get this.
 */
export interface Core {
  config: Config;
  db: Database;
  log: EventLog;
  picture: LivePicture;
  sequencer: Sequencer;
  relay: EventRelay;
  bus: CommandBus;
  broadcaster: Broadcaster;
  positions: PositionIngest;
  alerts: AlertService;
  dispatch: DispatchService;
  lifecycle: LifecycleService;
  escalation: EscalationService;
  clocks: ClockWatcher;
  keyAreas: KeyAreaWatcher;
  plans: PlanService;
  ackTimeouts: AckTimeoutWatcher;
  patrolDuty: PatrolDutyWatcher;
  /** Logins: opened at login, checked on every request and socket, ended by logout or an administrator. */
  sessions: SessionStore;
  metrics: Metrics;
  /** Routing (issue 3): ETA-ranked candidates on demand; incident advice and live coverage, one publisher each. */
  candidates: CandidateService;
  advice: AdviceService;
  coverage: CoverageService;
  /** The road graph, loaded on first use (import + cache for an OSM file, generated for the demo city). */
  roads(): Promise<RoadNetwork>;
  /** Resolves when this instance has applied every event committed so far (tests, demo seeding). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function openDatabase(config: Config): Promise<Database> {
  return config.DATABASE_URL ? createPgDatabase(config.DATABASE_URL) : createPgliteDatabase(join(config.DATA_DIR, 'pglite'));
}

export async function createCore(config: Config, db: Database, emitTo: EmitTo, ops: OpsLog = SILENT): Promise<Core> {
  await migrate(db);
  const metrics = new Metrics();
  const picture = await LivePicture.load(db);
  // Called only after start (the log's checks and the sequencer's watchdog run later), when both exist.
  const unbound = unboundReporter(
    ops,
    metrics,
    () => log.identity,
    () => sequencer.halt(),
  );
  const log: EventLog = config.REDIS_URL
    ? await openRedisEventLog(config.REDIS_URL, config.REDIS_PREFIX, db, bindingEvents(ops, metrics, unbound))
    : new MemoryEventLog(picture.seq);
  // The relay resumes from what the log already has; a fresh or restarted Redis gets recent events again.
  const logHead = await log.head().catch(() => 0);
  // The poll only catches commits no relay was handed (an instance that died between commit and
  // publish). Embedded PGlite belongs to this one process, so every commit is handed over: a slow
  // safety net is enough there, and each empty poll was ~1.5 ms of this thread's CPU, four times a second.
  const relayPollMs = db.driver === 'pglite' ? 5000 : 250;
  const relay = new EventRelay(db, log, Math.max(logHead, picture.seq - 5000, 0), relayPollMs);
  const sequencer = new Sequencer(db, picture.seq, config.REPLAY_WINDOW);
  sequencer.whenDatabaseBehind((applied, databaseSeq) => {
    const reason = `the database's seq ${databaseSeq} is below the ${applied} this instance applied`;
    log.disown(reason);
    unbound(reason);
  });
  const bus = new CommandBus(db, relay, (seq) => sequencer.waitFor(seq));
  const broadcaster = new Broadcaster(emitTo, config.POSITION_FLUSH_MS);
  sequencer.onEntry((entry: LogEntry) => {
    picture.apply(entry);
    metrics.seq.set(entry.seq);
    metrics.eventLag.observe(Math.max(0, Date.now() - Date.parse(entry.at)) / 1000);
    broadcaster.onEntry(entry);
  });
  await log.subscribe(picture.seq, (entry) => sequencer.push(entry));
  const sessions = new SessionStore(db, new SessionTokens(await loadOrCreateSecret(db, 'session_secret')), config.SESSION_HOURS);
  const positions = new PositionIngest(bus, picture, metrics, config.POSITION_FLUSH_MS);
  const alerts = new AlertService(bus, picture, (unitId) => positions.lastKnownPoint(unitId), config.ALERT_DEDUPE_SECONDS, config.ALERT_JOIN_DISTANCE_M);
  let roads: Promise<RoadNetwork> | undefined;
  const loadRoads = () => (roads ??= loadRoadNetwork(config));
  const dispatch = new DispatchService(bus);
  const plans = new PlanService(bus, picture, dispatch, async () => (await loadRoads()).graph);
  const lifecycle = new LifecycleService(bus, picture);
  const escalation = new EscalationService(bus, picture, config.NOTIFY_WEBHOOK_URL ? new WebhookNotifier(config.NOTIFY_WEBHOOK_URL) : new InAppNotifier());
  const clocks = new ClockWatcher(bus, picture);
  const ackTimeouts = new AckTimeoutWatcher(
    bus,
    picture,
    dispatch,
    async () => (await loadRoads()).graph,
    config.ACK_TIMEOUT_SECONDS,
    config.AUTO_REDISPATCH,
    config.EMERGENCY_FACTOR,
  );
  const onScene = new OnSceneWatcher(picture, dispatch);
  // Compliance history (migration 016): noted by the watcher, committed with the positions of the same fixes.
  const visitMinutes = new KeyAreaVisitMinutes();
  positions.addRider(visitMinutes);
  const keyAreas = new KeyAreaWatcher(bus, picture, config.TIME_ZONE, visitMinutes);
  const visitCatchUp = new KeyAreaVisitCatchUp(db, positions, picture);
  const patrolDuty = new PatrolDutyWatcher(bus, picture, config.TIME_ZONE);
  positions.onAccepted((unitId, fix) => {
    onScene.onFix(unitId, fix);
    keyAreas.onFix(unitId, fix);
    patrolDuty.onFix(unitId, fix);
  });
  // Routing (issue 3). A lease outlives a few beats, so a busy holder keeps it; a dead one hands over within 15 s or so.
  const leaseSeconds = (ms: number) => Math.max(15, (3 * ms) / 1000);
  const candidates = new CandidateService(picture, loadRoads, config.EMERGENCY_FACTOR);
  const advice = new AdviceService(bus, picture, loadRoads, new PublisherLease(db, 'publisher:incident-advice', leaseSeconds(config.ADVICE_INTERVAL_MS)), {
    intervalMs: config.ADVICE_INTERVAL_MS,
    emergencyFactor: config.EMERGENCY_FACTOR,
  });
  const coverage = new CoverageService(bus, db, picture, loadRoads, new PublisherLease(db, 'publisher:coverage', leaseSeconds(config.COVERAGE_INTERVAL_MS)), {
    h3Resolution: config.COVERAGE_H3_RESOLUTION,
    emergencyFactor: config.EMERGENCY_FACTOR,
    intervalMs: config.COVERAGE_INTERVAL_MS,
    settleMs: config.COVERAGE_SETTLE_MS,
  });
  // After the picture's listener: both judge "changed" against the picture at this entry.
  sequencer.onEntry((entry: LogEntry) => {
    advice.onEntry(entry);
    coverage.onEntry(entry);
    visitCatchUp.onEntry(entry);
  });
  relay.start();
  sequencer.start();
  clocks.start();
  ackTimeouts.start();
  keyAreas.start();
  patrolDuty.start();
  broadcaster.start();
  positions.start();
  advice.start();
  coverage.start();
  relay.kick();

  return {
    config,
    db,
    log,
    picture,
    sequencer,
    relay,
    bus,
    broadcaster,
    positions,
    alerts,
    sessions,
    metrics,
    dispatch,
    lifecycle,
    escalation,
    clocks,
    keyAreas,
    plans,
    patrolDuty,
    ackTimeouts,
    candidates,
    advice,
    coverage,
    roads: loadRoads,
    async settle() {
      await positions.flush();
      await relay.flush();
      const target = await currentSeq(db);
      while (sequencer.applied < target && !sequencer.halted) {
        await sequencer.fillFromDb();
        if (sequencer.applied < target) await new Promise((r) => setTimeout(r, 5));
      }
      broadcaster.flushPositions();
      // Advice derived from what just happened is part of "settled" (a no-op where another instance publishes).
      await advice.flush();
      await visitCatchUp.idle();
    },
    async close() {
      await advice.stop();
      await coverage.stop();
      visitCatchUp.stop();
      // A watcher's tick in flight finishes before the database closes under it.
      await Promise.all([clocks.stop(), ackTimeouts.stop(), keyAreas.stop(), patrolDuty.stop(), positions.stop()]);
      await positions.flush(true);
      await relay.flush();
      await relay.stop();
      await sequencer.stop();
      await broadcaster.stop();
      await log.close();
      await db.close();
    },
  };
}
