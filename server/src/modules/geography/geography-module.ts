import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { ModuleParts } from '../module-parts.js';
import { geoImportRoutes } from './geo-import-routes.js';
import { gridAdminRoutes } from './grid-admin-routes.js';
import { stationAdminRoutes } from './station-admin-routes.js';

/** Grids and stations as the console keeps them (issue 19): create, change, retire, GeoJSON import and export. */
export function createGeographyModule(deps: { db: Database; bus: CommandBus }): ModuleParts {
  return { name: 'geography', routes: [gridAdminRoutes(deps), stationAdminRoutes(deps), geoImportRoutes(deps)] };
}
