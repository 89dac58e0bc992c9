import type { KeyArea } from '@lianfang/shared';
import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { geoJsonImportRoute, type GeoJsonImport } from '../geography/geojson-import-route.js';
import { insertKeyArea, saveKeyArea } from './key-area-repository.js';
import { planKeyAreaImport, type KeyAreaChange } from './key-area-import.js';

/** How the keyareas import plans and writes: shared by its route and the jurisdiction file set. */
export const keyAreaImport: GeoJsonImport<KeyAreaChange, KeyArea> = {
  kind: 'keyareas',
  what: 'key areas (Polygon; code, name, fromHhmm, toHhmm, visitEveryMinutes)',
  auditAs: 'key_area',
  plan: planKeyAreaImport,
  write: async (q, c) => ({
    action: c.action,
    record: c.action === 'create' ? await insertKeyArea(q, c.keyArea) : await saveKeyArea(q, c.keyArea),
    audit: { code: c.keyArea.code, ...(c.action === 'update' ? { fields: c.fields } : { name: c.keyArea.name }) },
  }),
  events: (written) => written.map((keyArea) => ({ type: 'key_area.updated', keyArea })),
};

/** `POST /api/admin/import/keyareas`: key areas from GeoJSON Polygons, by code (docs/admin-geography.md). */
export const keyAreaImportRoute = (deps: { db: Database; bus: CommandBus }) => geoJsonImportRoute(deps, keyAreaImport);
