import type { CommandBus } from '../../pipeline/command-bus.js';
import type { DispatchService } from '../dispatch/dispatch-service.js';
import type { LivePicture } from '../live-picture.js';
import type { ModuleParts } from '../module-parts.js';
import type { RoadNetwork } from '../roads/road-network.js';
import { planRoutes } from './plan-routes.js';
import { PlanService } from './plan-service.js';
import type { DescribeLocation } from '../places/describe-location.js';

export interface EmergencyPlansModule extends ModuleParts {
  plans: PlanService;
}

/** Emergency plans: activating one opens an incident, dispatches its unit mix and lays out its checklist. */
export function createEmergencyPlansModule(deps: {
  bus: CommandBus;
  picture: LivePicture;
  dispatch: DispatchService;
  roads: () => Promise<RoadNetwork>;
  /** Where the plan's incident is in words (the places module). */
  describe?: DescribeLocation;
}): EmergencyPlansModule {
  const plans = new PlanService(deps.bus, deps.picture, deps.dispatch, async () => (await deps.roads()).graph, deps.describe);
  return { name: 'emergency-plans', plans, routes: [planRoutes({ plans })] };
}
