import { join } from 'node:path';
import { buildRoadGraph, generateCityNetwork, type RoadGraph } from '@lianfang/shared/routing/index';
import type { Config } from '../../config.js';
import { loadRoadGraph } from './osm/graph-cache.js';

/** Where the demo city stands: a plausible old-town district (the network itself is generated). */
export const DEMO_CENTER = { lat: 30.26, lon: 120.17 };
const DEMO_CITY = { targetEdges: 14_000, sizeKm: 5, seed: 20261122 };

export interface RoadNetwork {
  graph: RoadGraph;
  source: 'demo' | 'osm';
  name: string;
}

/** ROAD_NETWORK (an .osm.pbf or .osm file, cached on disk after the first import) or the generated demo city. */
export async function loadRoadNetwork(config: Config): Promise<RoadNetwork> {
  if (config.ROAD_NETWORK) {
    const loaded = await loadRoadGraph(config.ROAD_NETWORK, { cacheDir: join(config.DATA_DIR, 'road-graphs') });
    return { graph: loaded.graph, source: 'osm', name: config.ROAD_NETWORK };
  }
  const graph = buildRoadGraph(generateCityNetwork({ centerLat: DEMO_CENTER.lat, centerLon: DEMO_CENTER.lon, ...DEMO_CITY }));
  return { graph, source: 'demo', name: 'demo city' };
}
