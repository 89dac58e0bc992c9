import type { LogEntry } from '@lianfang/shared';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { PublisherLease, leaseSecondsFor } from '../../pipeline/publisher-lease.js';
import type { LivePicture } from '../live-picture.js';
import type { ModuleParts } from '../module-parts.js';
import type { RoadNetwork } from '../roads/road-network.js';
import { AckTimeoutWatcher } from './ack-timeout-watcher.js';
import { AdviceService } from './advice-service.js';
import { candidatesCommand } from './candidate-commands.js';
import { candidateRoutes } from './candidate-routes.js';
import { CandidateService } from './candidate-service.js';
import { DispatchService } from './dispatch-service.js';
import { unitRouteRoutes } from './unit-route-routes.js';

export interface DispatchModule extends ModuleParts {
  dispatch: DispatchService;
  candidates: CandidateService;
  advice: AdviceService;
  ackTimeouts: AckTimeoutWatcher;
}

/** Sending units: assignments, ETA-ranked candidates, the advice publisher and the acknowledgement timeout. */
export function createDispatchModule(deps: {
  db: Database;
  bus: CommandBus;
  picture: LivePicture;
  roads: () => Promise<RoadNetwork>;
  config: Pick<Config, 'EMERGENCY_FACTOR' | 'ADVICE_INTERVAL_MS' | 'ACK_TIMEOUT_SECONDS' | 'AUTO_REDISPATCH'>;
}): DispatchModule {
  const { db, bus, picture, roads, config } = deps;
  const dispatch = new DispatchService(bus, config.ACK_TIMEOUT_SECONDS);
  const graph = async () => (await roads()).graph;
  const ackTimeouts = new AckTimeoutWatcher(bus, picture, dispatch, graph, config.ACK_TIMEOUT_SECONDS, config.AUTO_REDISPATCH, config.EMERGENCY_FACTOR);
  const candidates = new CandidateService(picture, roads, config.EMERGENCY_FACTOR);
  const advice = new AdviceService(bus, picture, roads, new PublisherLease(db, 'publisher:incident-advice', leaseSecondsFor(config.ADVICE_INTERVAL_MS)), {
    intervalMs: config.ADVICE_INTERVAL_MS,
    emergencyFactor: config.EMERGENCY_FACTOR,
  });
  return {
    name: 'dispatch',
    dispatch,
    candidates,
    advice,
    ackTimeouts,
    routes: [candidateRoutes({ candidates, picture }), unitRouteRoutes({ picture, roads, config })],
    commands: [candidatesCommand({ candidates })],
    workers: [ackTimeouts, advice],
    onEntry: (entry: LogEntry) => advice.onEntry(entry),
  };
}
