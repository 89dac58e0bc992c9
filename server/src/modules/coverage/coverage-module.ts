import type { LogEntry } from '@lianfang/shared';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { PublisherLease, leaseSecondsFor } from '../../pipeline/publisher-lease.js';
import type { LivePicture } from '../live-picture.js';
import type { ModuleParts } from '../module-parts.js';
import type { RoadNetwork } from '../roads/road-network.js';
import { coverageRoutes } from './coverage-routes.js';
import { CoverageService } from './coverage-service.js';

export interface CoverageModule extends ModuleParts {
  coverage: CoverageService;
}

/** Live coverage: which cells the available units reach within the goal, published by one instance at a time. */
export function createCoverageModule(deps: {
  db: Database;
  bus: CommandBus;
  picture: LivePicture;
  roads: () => Promise<RoadNetwork>;
  config: Pick<Config, 'COVERAGE_H3_RESOLUTION' | 'EMERGENCY_FACTOR' | 'COVERAGE_INTERVAL_MS' | 'COVERAGE_SETTLE_MS'>;
}): CoverageModule {
  const { db, bus, picture, roads, config } = deps;
  const coverage = new CoverageService(bus, db, picture, roads, new PublisherLease(db, 'publisher:coverage', leaseSecondsFor(config.COVERAGE_INTERVAL_MS)), {
    h3Resolution: config.COVERAGE_H3_RESOLUTION,
    emergencyFactor: config.EMERGENCY_FACTOR,
    intervalMs: config.COVERAGE_INTERVAL_MS,
    settleMs: config.COVERAGE_SETTLE_MS,
  });
  return {
    name: 'coverage',
    coverage,
    routes: [coverageRoutes({ coverage, db, bus, picture })],
    workers: [coverage],
    onEntry: (entry: LogEntry) => coverage.onEntry(entry),
  };
}
