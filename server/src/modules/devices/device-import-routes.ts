import { DEVICE_CSV_CHINESE_HEADERS, DEVICE_CSV_COLUMNS, DEVICE_CSV_REQUIRED, DeviceImportBodySchema } from '@lianfang/shared';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { csvImportRoute } from '../csv-import-route.js';
import { deviceImportStage } from './device-import.js';

/** `POST /api/admin/import/devices`: alert devices by name from CSV or JSON (device-import.ts); new devices' keys in the report once. */
export const deviceImportRoutes = (deps: { bus: CommandBus }) =>
  csvImportRoute({
    bus: deps.bus,
    kind: 'devices',
    summary: 'Import alert devices (create or update by name; new ones get a key shown once) as CSV or JSON (dry run with dryRun=true); all or nothing',
    jsonBody: DeviceImportBodySchema,
    jsonKey: 'devices',
    sheet: { columns: DEVICE_CSV_COLUMNS, chinese: DEVICE_CSV_CHINESE_HEADERS, required: DEVICE_CSV_REQUIRED },
    stage: (items) => deviceImportStage(items),
  });
