import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { LivePicture } from '../live-picture.js';
import type { ModuleParts } from '../module-parts.js';
import { unitImportRoutes } from './unit-import-routes.js';
import { unitAdminRoutes } from './unit-admin-routes.js';
import { unitRoutes } from './unit-routes.js';

/** Units (cars, foot patrols, guard teams): the roster (and its import), their status and their trackers. */
export function createUnitsModule(deps: { db: Database; bus: CommandBus; picture: LivePicture }): ModuleParts {
  return { name: 'units', routes: [unitRoutes(deps), unitAdminRoutes(deps), unitImportRoutes(deps)] };
}
