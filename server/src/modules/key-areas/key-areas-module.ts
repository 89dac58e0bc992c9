import type { LogEntry } from '@lianfang/shared';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { LivePicture } from '../live-picture.js';
import type { ModuleParts } from '../module-parts.js';
import type { PositionIngest } from '../positions/position-ingest.js';
import { keyAreaAdminRoutes } from './key-area-admin-routes.js';
import { keyAreaImportRoute } from './key-area-import-route.js';
import { keyAreaRoutes } from './key-area-routes.js';
import { KeyAreaVisitCatchUp } from './key-area-visit-catch-up.js';
import { KeyAreaVisitMinutes } from './key-area-visit-minutes.js';
import { KeyAreaWatcher } from './key-area-watcher.js';

export interface KeyAreasModule extends ModuleParts {
  keyAreas: KeyAreaWatcher;
  visitCatchUp: KeyAreaVisitCatchUp;
}

/** Key areas: who visited, how often, and the compliance history committed with the positions that made it. */
export function createKeyAreasModule(deps: {
  db: Database;
  bus: CommandBus;
  picture: LivePicture;
  positions: PositionIngest;
  config: Pick<Config, 'TIME_ZONE'>;
}): KeyAreasModule {
  const { db, bus, picture, positions } = deps;
  // Compliance history (migration 016): noted by the watcher, committed with the positions of the same fixes.
  const visitMinutes = new KeyAreaVisitMinutes();
  positions.addRider(visitMinutes);
  const keyAreas = new KeyAreaWatcher(bus, picture, deps.config.TIME_ZONE, visitMinutes);
  const visitCatchUp = new KeyAreaVisitCatchUp(db, positions, picture);
  return {
    name: 'key-areas',
    keyAreas,
    visitCatchUp,
    routes: [keyAreaRoutes({ bus, picture }), keyAreaAdminRoutes({ bus }), keyAreaImportRoute({ db, bus })],
    // The catch-up has no beat of its own (it runs on entries): only its stop matters.
    workers: [keyAreas, { start() {}, stop: () => visitCatchUp.stop() }],
    onEntry: (entry: LogEntry) => visitCatchUp.onEntry(entry),
    onFix: (unitId, fix) => keyAreas.onFix(unitId, fix),
  };
}
