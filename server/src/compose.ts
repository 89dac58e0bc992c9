import { join } from 'node:path';
import type { LogEntry } from '@lianfang/shared';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { createPgDatabase } from './db/pg-database.js';
import { createPgliteDatabase } from './db/pglite-database.js';
import { Broadcaster, INTAKE_ROOM, type EmitTo } from './transport/socket/broadcaster.js';
import { CommandBus } from './pipeline/command-bus.js';
import type { EventLog } from './pipeline/event-log.js';
import { EventRelay } from './pipeline/event-relay.js';
import { LivePicture } from './modules/live-picture.js';
import { MemoryEventLog } from './pipeline/memory-event-log.js';
import { currentSeq } from './pipeline/outbox.js';
import { SILENT, bindingEvents, unboundReporter, type OpsLog } from './pipeline/binding-report.js';
import { openRedisEventLog } from './pipeline/open-redis-event-log.js';
import { loadOrCreateLogIdentity } from './pipeline/log-identity.js';
import { Sequencer } from './pipeline/sequencer.js';
import { Metrics } from './observability/metrics.js';
import type { ModuleParts } from './modules/module-parts.js';
import { createUsersAuthModule } from './modules/users-auth/users-auth-module.js';
import type { SessionStore } from './modules/users-auth/session-store.js';
import { createRoadsModule } from './modules/roads/roads-module.js';
import type { RoadNetwork } from './modules/roads/road-network.js';
import { createPositionsModule } from './modules/positions/positions-module.js';
import type { PositionIngest } from './modules/positions/position-ingest.js';
import { createAlertsModule } from './modules/alerts/alerts-module.js';
import type { AlertService } from './modules/alerts/alert-service.js';
import type { AlertIntake } from './modules/alerts/alert-intake.js';
import { IntakeJournal } from './modules/alerts/intake-journal.js';
import type { JournalReplayer } from './modules/alerts/journal-replayer.js';
import { createDispatchModule } from './modules/dispatch/dispatch-module.js';
import type { DispatchService } from './modules/dispatch/dispatch-service.js';
import type { CandidateService } from './modules/dispatch/candidate-service.js';
import type { AdviceService } from './modules/dispatch/advice-service.js';
import type { AckTimeoutWatcher } from './modules/dispatch/ack-timeout-watcher.js';
import { createIncidentsModule } from './modules/incidents/incidents-module.js';
import type { LifecycleService } from './modules/incidents/lifecycle-service.js';
import type { EscalationService } from './modules/incidents/escalation-service.js';
import type { ClockWatcher } from './modules/incidents/clock-watcher.js';
import { createEmergencyPlansModule } from './modules/emergency-plans/emergency-plans-module.js';
import type { PlanService } from './modules/emergency-plans/plan-service.js';
import { createKeyAreasModule } from './modules/key-areas/key-areas-module.js';
import type { KeyAreaWatcher } from './modules/key-areas/key-area-watcher.js';
import { createPatrolsModule } from './modules/patrols/patrols-module.js';
import type { PatrolDutyWatcher } from './modules/patrols/patrol-duty-watcher.js';
import { createCoverageModule } from './modules/coverage/coverage-module.js';
import type { CoverageService } from './modules/coverage/coverage-service.js';
import { createUnitsModule } from './modules/units/units-module.js';
import { createGeographyModule } from './modules/geography/geography-module.js';
import { createDevicesModule } from './modules/devices/devices-module.js';
import type { DeviceKeyCache } from './modules/devices/device-key-cache.js';
import { createTeamsModule } from './modules/teams/teams-module.js';
import { createJurisdictionModule } from './modules/jurisdiction/jurisdiction-module.js';
import { createAuditModule } from './modules/audit/audit-module.js';
import { createAnalyticsModule } from './modules/analytics/analytics-module.js';
import { createPlacesModule, type PlacesModule } from './modules/places/places-module.js';

/**
 * Everything stateful one server instance runs, wired in dependency order:
 * database → migrations → live picture at seq S → log subscription after S →
 * sequencer → picture + broadcaster. Routes and socket handlers get this.
 */
export interface Core {
  config: Config;
  db: Database;
  /** What each domain module contributes (routes, socket commands, workers, entry and fix listeners), in start order. */
  modules: readonly ModuleParts[];
  log: EventLog;
  picture: LivePicture;
  sequencer: Sequencer;
  relay: EventRelay;
  bus: CommandBus;
  broadcaster: Broadcaster;
  positions: PositionIngest;
  alerts: AlertService;
  /** Device presses: recorded, or journalled in Redis while PostgreSQL is away (docs/operations.md). */
  intake: AlertIntake;
  /** Device keys recently checked at /ingest/alerts; forgotten when a device is re-keyed or revoked. */
  deviceKeys: DeviceKeyCache;
  /** The intake journal (null on PGlite or without Redis) and its writer. */
  journal: IntakeJournal | null;
  replayer: JournalReplayer | null;
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
  /** Place search and reverse geocoding (issue 18): the extract's names and the live geography. */
  places: PlacesModule;
  /** The history seqs count in (the database's log identity; Redis renames it when the database is replaced): screens resume only within it. */
  history(): string;
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
  // Without Redis the name is still the database's (kept in it, so a restart keeps it): screens carry it to resume.
  const databaseHistory = log.identity ?? (await loadOrCreateLogIdentity(db));
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

  // The modules, each given only what it needs; later ones take services from earlier ones.
  const usersAuth = await createUsersAuthModule({ db, bus, config });
  const roads = createRoadsModule({ config });
  const places = createPlacesModule({ config, picture });
  const describe = places.describe;
  const positions = createPositionsModule({ bus, db, picture, metrics, config });
  // Embedded PGlite lives in this process: it has no outage of its own, so it needs no journal.
  const journal = config.REDIS_URL && db.driver !== 'pglite' ? new IntakeJournal(config.REDIS_URL, config.REDIS_PREFIX) : null;
  journal?.listen({
    journalled: (presses) => emitTo(INTAKE_ROOM, 'intake:journalled', { presses }),
    recorded: (recorded) => emitTo(INTAKE_ROOM, 'intake:recorded', { recorded }),
  });
  const alerts = createAlertsModule({
    bus,
    picture,
    metrics,
    config,
    journal,
    db,
    log: ops,
    describe,
    lastKnownPoint: (unitId) => positions.ingest.lastKnownPoint(unitId),
  });
  const dispatch = createDispatchModule({ db, bus, picture, roads: roads.roads, config });
  const incidents = createIncidentsModule({ db, bus, picture, dispatch: dispatch.dispatch, config, describe });
  const plans = await createEmergencyPlansModule({ db, bus, picture, dispatch: dispatch.dispatch, roads: roads.roads, describe });
  const keyAreas = createKeyAreasModule({ db, bus, picture, positions: positions.ingest, config });
  const patrols = createPatrolsModule({ db, bus, picture, config });
  const coverage = createCoverageModule({ db, bus, picture, roads: roads.roads, config });
  const devices = createDevicesModule({ db, bus, picture, journal });
  const modules: readonly ModuleParts[] = [
    usersAuth,
    createUnitsModule({ db, bus, picture }),
    createTeamsModule({ db, bus }),
    createGeographyModule({ db, bus, config }),
    createJurisdictionModule({ db, bus, sessions: usersAuth.sessions }),
    devices,
    createAuditModule({ db }),
    incidents,
    dispatch,
    alerts,
    positions,
    roads,
    coverage,
    keyAreas,
    plans,
    patrols,
    createAnalyticsModule({ db, ops, config }),
    places,
  ];
  const fixListeners = modules.filter((m) => m.onFix);
  positions.ingest.onAccepted((unitId, fix) => {
    for (const m of fixListeners) m.onFix!(unitId, fix);
  });
  // After the picture's listener: modules judge "changed" against the picture at this entry.
  const entryListeners = modules.filter((m) => m.onEntry);
  sequencer.onEntry((entry: LogEntry) => {
    for (const m of entryListeners) m.onEntry!(entry);
  });
  const workers = modules.flatMap((m) => m.workers ?? []);
  relay.start();
  sequencer.start();
  broadcaster.start();
  for (const worker of workers) worker.start();
  relay.kick();

  return {
    config,
    db,
    modules,
    log,
    picture,
    sequencer,
    relay,
    bus,
    broadcaster,
    positions: positions.ingest,
    alerts: alerts.alerts,
    intake: alerts.intake,
    journal,
    deviceKeys: devices.keys,
    replayer: alerts.replayer,
    sessions: usersAuth.sessions,
    metrics,
    dispatch: dispatch.dispatch,
    lifecycle: incidents.lifecycle,
    escalation: incidents.escalation,
    clocks: incidents.clocks,
    keyAreas: keyAreas.keyAreas,
    plans: plans.plans,
    patrolDuty: patrols.patrolDuty,
    ackTimeouts: dispatch.ackTimeouts,
    candidates: dispatch.candidates,
    advice: dispatch.advice,
    coverage: coverage.coverage,
    roads: roads.roads,
    places,
    history: () => log.identity ?? databaseHistory,
    async settle() {
      await positions.ingest.flush();
      await relay.flush();
      const target = await currentSeq(db);
      while (sequencer.applied < target && !sequencer.halted) {
        await sequencer.fillFromDb();
        if (sequencer.applied < target) await new Promise((r) => setTimeout(r, 5));
      }
      broadcaster.flushPositions();
      // Advice derived from what just happened is part of "settled" (a no-op where another instance publishes).
      await dispatch.advice.flush();
      await keyAreas.visitCatchUp.idle();
    },
    async close() {
      // A worker's tick in flight finishes before the database closes under it.
      await Promise.all(workers.map((w) => w.stop()));
      await positions.ingest.flush(true);
      await relay.flush();
      await relay.stop();
      await sequencer.stop();
      await broadcaster.stop();
      await log.close();
      await journal?.close();
      await db.close();
    },
  };
}
