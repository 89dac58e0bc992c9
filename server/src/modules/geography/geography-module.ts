import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { ModuleParts } from '../module-parts.js';
import { geographyDraftRoutes } from './draft/geography-draft-routes.js';
import { geoImportRoutes } from './geo-import-routes.js';
import { gridAdminRoutes } from './grid-admin-routes.js';
import { stationAdminRoutes } from './station-admin-routes.js';

/** Grids and stations as the console keeps them (issue 19): create, change, retire, GeoJSON import and export, a draft from the extract. */
export function createGeographyModule(deps: { db: Database; bus: CommandBus; config: Pick<Config, 'ROAD_NETWORK' | 'DATA_DIR'> }): ModuleParts {
  return {
    name: 'geography',
    routes: [gridAdminRoutes(deps), stationAdminRoutes(deps), geoImportRoutes(deps), geographyDraftRoutes(deps)],
  };
}
