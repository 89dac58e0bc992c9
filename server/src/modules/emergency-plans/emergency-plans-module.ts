import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { DispatchService } from '../dispatch/dispatch-service.js';
import type { LivePicture } from '../live-picture.js';
import type { ModuleParts } from '../module-parts.js';
import type { RoadNetwork } from '../roads/road-network.js';
import { planAdminRoutes } from './plan-admin-routes.js';
import { PlanAdminService } from './plan-admin-service.js';
import { seedDefaultPlans } from './plan-repository.js';
import { planRoutes } from './plan-routes.js';
import { PlanService } from './plan-service.js';
import type { DescribeLocation } from '../places/describe-location.js';

export interface EmergencyPlansModule extends ModuleParts {
  plans: PlanService;
}

/**
 * Emergency plans: the district's own (seeded with three defaults on first start, then edited and
 * versioned in the admin console); starting one opens an incident, dispatches its unit mix and
 * lays out its checklist.
 */
export async function createEmergencyPlansModule(deps: {
  db: Database;
  bus: CommandBus;
  picture: LivePicture;
  dispatch: DispatchService;
  roads: () => Promise<RoadNetwork>;
  /** Where the plan's incident is in words (the places module). */
  describe?: DescribeLocation;
}): Promise<EmergencyPlansModule> {
  await seedDefaultPlans(deps.db);
  const plans = new PlanService(deps.bus, deps.picture, deps.dispatch, async () => (await deps.roads()).graph, deps.describe);
  const admin = new PlanAdminService(deps.bus);
  return { name: 'emergency-plans', plans, routes: [planRoutes({ db: deps.db, plans }), planAdminRoutes({ db: deps.db, admin })] };
}
