import type { Config } from '../../config.js';
import type { Queryable } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { Metrics } from '../../observability/metrics.js';
import type { LivePicture } from '../live-picture.js';
import type { ModuleParts } from '../module-parts.js';
import { positionReportCommand } from './position-commands.js';
import { PositionHistoryMaintenance } from './position-history-maintenance.js';
import { PositionIngest } from './position-ingest.js';

export interface PositionsModule extends ModuleParts {
  ingest: PositionIngest;
  history: PositionHistoryMaintenance;
}

/** Position fixes from trackers and tablets: checked, batched into the position log every POSITION_FLUSH_MS; the history kept in day partitions. */
export function createPositionsModule(deps: {
  bus: CommandBus;
  db: Queryable;
  picture: LivePicture;
  metrics: Metrics;
  config: Pick<Config, 'POSITION_FLUSH_MS' | 'POSITION_RETENTION_DAYS'>;
}): PositionsModule {
  const ingest = new PositionIngest(deps.bus, deps.picture, deps.metrics, deps.config.POSITION_FLUSH_MS);
  // Day partitions of the history: created ahead, dropped after POSITION_RETENTION_DAYS (migration 029).
  const history = new PositionHistoryMaintenance(deps.db, deps.config.POSITION_RETENTION_DAYS);
  return { name: 'positions', ingest, history, commands: [positionReportCommand({ positions: ingest })], workers: [ingest, history] };
}
