import { join } from 'node:path';
import type { Config } from '../../config.js';
import type { LivePicture } from '../live-picture.js';
import type { ModuleParts } from '../module-parts.js';
import { PlaceDirectory } from './place-directory.js';
import { EMPTY_PLACE_SOURCE } from './place-source.js';
import { loadPlaceSource } from './place-source-cache.js';
import { placeRoutes } from './place-routes.js';

import type { DescribeLocation } from './describe-location.js';

export interface PlacesModule extends ModuleParts {
  /** The directory once the extract's places are loaded (from the cache beside the road graph, or read at first start). */
  directory(): Promise<PlaceDirectory>;
  /**
   * Where a point is in words, now (the alert path never waits for the index: until it is loaded
   * only the grid is named); null when nothing named is near. `gridId` when the caller already knows it.
   */
  describe: DescribeLocation;
}

/** Place search (`GET /api/places`) and the reverse geocoding that gives every alert and incident its location text. */
export function createPlacesModule(deps: { config: Pick<Config, 'ROAD_NETWORK' | 'DATA_DIR'>; picture: LivePicture }): PlacesModule {
  // Until the extract's places are loaded (about a second for a district at start), the live
  // geography alone answers: an alert in that window still gets its grid.
  let current = new PlaceDirectory(EMPTY_PLACE_SOURCE, deps.picture);
  let loading: Promise<PlaceDirectory> | undefined;
  const directory = () =>
    (loading ??= (async () => {
      const path = deps.config.ROAD_NETWORK;
      // Cached with the road graph (same folder, same key rules): a restart reads it back.
      const source = path ? (await loadPlaceSource(path, join(deps.config.DATA_DIR, 'road-graphs'))).source : EMPTY_PLACE_SOURCE;
      current = new PlaceDirectory(source, deps.picture);
      return current;
    })());
  return {
    name: 'places',
    directory,
    describe: (lat, lon, gridId) => current.describe(lat, lon, gridId),
    routes: [placeRoutes({ directory })],
    // Loaded as the instance starts, so the first alerts already get their street.
    workers: [{ start: () => void directory().catch(() => undefined), stop: async () => void (await loading?.catch(() => undefined)) }],
  };
}
