import type { Config } from '../../config.js';
import type { ModuleParts } from '../module-parts.js';
import { basemapRoutes } from './basemap/basemap-routes.js';
import { createBasemap } from './basemap/basemap-service.js';
import { loadRoadNetwork, type RoadNetwork } from './road-network.js';

export interface RoadsModule extends ModuleParts {
  /** The road graph, loaded on first use (import + cache for an OSM file, generated for the demo city). */
  roads(): Promise<RoadNetwork>;
}

/** The road network every ETA, route and coverage figure runs on, and the basemap cut from the same extract. */
export function createRoadsModule(deps: { config: Config }): RoadsModule {
  let loaded: Promise<RoadNetwork> | undefined;
  const roads = () => (loaded ??= loadRoadNetwork(deps.config));
  const basemap = createBasemap({ config: deps.config, roads });
  return { name: 'roads', roads, routes: [basemapRoutes({ basemap })] };
}
