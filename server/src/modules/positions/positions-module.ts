import type { Config } from '../../config.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { Metrics } from '../../observability/metrics.js';
import type { LivePicture } from '../live-picture.js';
import type { ModuleParts } from '../module-parts.js';
import { positionReportCommand } from './position-commands.js';
import { PositionIngest } from './position-ingest.js';

export interface PositionsModule extends ModuleParts {
  ingest: PositionIngest;
}

/** Position fixes from trackers and tablets: checked, batched into the position log every POSITION_FLUSH_MS. */
export function createPositionsModule(deps: {
  bus: CommandBus;
  picture: LivePicture;
  metrics: Metrics;
  config: Pick<Config, 'POSITION_FLUSH_MS'>;
}): PositionsModule {
  const ingest = new PositionIngest(deps.bus, deps.picture, deps.metrics, deps.config.POSITION_FLUSH_MS);
  return { name: 'positions', ingest, commands: [positionReportCommand({ positions: ingest })], workers: [ingest] };
}
