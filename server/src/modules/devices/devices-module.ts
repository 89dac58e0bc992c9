import type { Database } from '../../db/database.js';
import type { LivePicture } from '../live-picture.js';
import type { ModuleParts } from '../module-parts.js';
import { deviceRoutes } from './device-routes.js';

/** Alert devices (gateways, panic buttons) and their keys. */
export function createDevicesModule(deps: { db: Database; picture: LivePicture }): ModuleParts {
  return { name: 'devices', routes: [deviceRoutes(deps)] };
}
