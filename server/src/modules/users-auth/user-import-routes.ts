import { USER_CSV_CHINESE_HEADERS, USER_CSV_COLUMNS, USER_CSV_REQUIRED, UserImportBodySchema } from '@lianfang/shared';
import type { CommandBus } from '../../pipeline/command-bus.js';
import { csvImportRoute } from '../csv-import-route.js';
import type { SessionStore } from './session-store.js';
import { userImportStage } from './user-import.js';

/** `POST /api/admin/import/users`: users by username from CSV or JSON (user-import.ts); new users' passwords in the report once. */
export const userImportRoutes = (deps: { bus: CommandBus; sessions: SessionStore }) =>
  csvImportRoute({
    bus: deps.bus,
    kind: 'users',
    summary: 'Import users (create or update by username; new ones get a password shown once) as CSV or JSON (dry run with dryRun=true); all or nothing',
    jsonBody: UserImportBodySchema,
    jsonKey: 'users',
    sheet: { columns: USER_CSV_COLUMNS, chinese: USER_CSV_CHINESE_HEADERS, required: USER_CSV_REQUIRED },
    stage: (items) => userImportStage(items, deps.sessions),
  });
