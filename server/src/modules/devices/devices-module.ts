import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { LivePicture } from '../live-picture.js';
import type { ModuleParts } from '../module-parts.js';
import { DeviceKeyCache } from './device-key-cache.js';
import { deviceImportRoutes } from './device-import-routes.js';
import { deviceRoutes, type DeviceRouteDeps } from './device-routes.js';

/** Alert devices (gateways, panic buttons) and their keys: created, re-keyed and revoked from the console. */
export function createDevicesModule(deps: { db: Database; bus: CommandBus; picture: LivePicture; journal: DeviceRouteDeps['journal'] }): ModuleParts & {
  keys: DeviceKeyCache;
} {
  const keys = new DeviceKeyCache();
  return {
    name: 'devices',
    keys,
    routes: [deviceRoutes({ ...deps, keys }), deviceImportRoutes(deps)],
    // Every instance: a key changed anywhere is forgotten here too.
    onEntry(entry) {
      if (entry.type === 'device.updated') keys.forgetDevice(entry.device.id);
    },
  };
}
