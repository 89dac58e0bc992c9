import type { Config } from '../../config.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { Metrics } from '../../observability/metrics.js';
import type { LivePicture } from '../live-picture.js';
import type { ModuleParts } from '../module-parts.js';
import { alertRaiseCommand } from './alert-commands.js';
import { AlertService } from './alert-service.js';
import type { DescribeLocation } from '../places/describe-location.js';
import { AlertIntake } from './alert-intake.js';
import type { IntakeJournal } from './intake-journal.js';
import { JournalReplayer, type ReplayLog } from './journal-replayer.js';
import type { Queryable } from '../../db/database.js';

export interface AlertsModule extends ModuleParts {
  alerts: AlertService;
  /** Device presses: the live path, or the intake journal while PostgreSQL is away. */
  intake: AlertIntake;
  /** Writes the journal back (null without a journal); tests drain it. */
  replayer: JournalReplayer | null;
}

/** Panic buttons, SOS and gateway alarms: each press is durable before it is acknowledged, and opens or joins an incident. */
export function createAlertsModule(deps: {
  bus: CommandBus;
  picture: LivePicture;
  metrics: Metrics;
  /** Where a unit last was (the press of a bound device is placed there). */
  lastKnownPoint: (unitId: string) => { lat: number; lon: number } | null;
  config: Pick<Config, 'ALERT_DEDUPE_SECONDS' | 'ALERT_JOIN_DISTANCE_M'>;
  /** Where a press is in words (the places module). */
  describe?: DescribeLocation;
  /** The durable intake journal (Redis beside a PostgreSQL that can go away), or null. */
  journal: IntakeJournal | null;
  db: Queryable;
  log: ReplayLog;
}): AlertsModule {
  const alerts = new AlertService(
    deps.bus,
    deps.picture,
    deps.lastKnownPoint,
    deps.config.ALERT_DEDUPE_SECONDS,
    deps.config.ALERT_JOIN_DISTANCE_M,
    deps.describe,
  );
  const intake = new AlertIntake(alerts, deps.journal);
  const replayer = deps.journal ? new JournalReplayer(deps.journal, alerts, deps.db, deps.log) : null;
  return {
    name: 'alerts',
    alerts,
    intake,
    replayer,
    commands: [alertRaiseCommand({ alerts, metrics: deps.metrics, picture: deps.picture })],
    workers: replayer ? [replayer] : [],
  };
}
