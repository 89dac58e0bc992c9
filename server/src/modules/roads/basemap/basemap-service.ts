import { join } from 'node:path';
import type { Config } from '../../../config.js';
import type { RoadNetwork } from '../road-network.js';
import { loadGraphBasemap, loadOsmBasemap, type BasemapLoad } from './basemap-cache.js';

export interface BasemapDeps {
  readonly config: Pick<Config, 'DATA_DIR' | 'ROAD_NETWORK'>;
  roads(): Promise<RoadNetwork>;
}

/**
 * The basemap's tiles, cut once per extract and kept under `${DATA_DIR}/basemap`: from
 * ROAD_NETWORK's OSM extract, else from the generated city's streets. Loaded on first use;
 * a failed build is retried on the next request rather than remembered.
 */
export function createBasemap(deps: BasemapDeps): () => Promise<BasemapLoad> {
  let loading: Promise<BasemapLoad> | undefined;
  const cacheDir = join(deps.config.DATA_DIR, 'basemap');
  const load = async (): Promise<BasemapLoad> => {
    if (deps.config.ROAD_NETWORK) return loadOsmBasemap(deps.config.ROAD_NETWORK, cacheDir);
    const network = await deps.roads();
    return loadGraphBasemap(network.graph, cacheDir);
  };
  return () => {
    loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
    return loading;
  };
}
