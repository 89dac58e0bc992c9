import type { Config } from '../../config.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { LivePicture } from '../live-picture.js';
import type { ModuleParts } from '../module-parts.js';
import { PatrolDutyWatcher } from './patrol-duty-watcher.js';
import { patrolPlanAdminRoutes } from './patrol-plan-admin-routes.js';
import { patrolPlanRoutes } from './patrol-plan-routes.js';
import { postImportRoute } from './post-import-route.js';
import type { Database } from '../../db/database.js';

export interface PatrolsModule extends ModuleParts {
  patrolDuty: PatrolDutyWatcher;
}

/** Patrol plans and whether the units on duty keep them. */
export function createPatrolsModule(deps: { db: Database; bus: CommandBus; picture: LivePicture; config: Pick<Config, 'TIME_ZONE'> }): PatrolsModule {
  const patrolDuty = new PatrolDutyWatcher(deps.bus, deps.picture, deps.config.TIME_ZONE);
  return {
    name: 'patrols',
    patrolDuty,
    routes: [
      patrolPlanRoutes({ bus: deps.bus, picture: deps.picture }),
      patrolPlanAdminRoutes({ bus: deps.bus }),
      postImportRoute({ db: deps.db, bus: deps.bus }),
    ],
    workers: [patrolDuty],
    onFix: (unitId, fix) => patrolDuty.onFix(unitId, fix),
  };
}
