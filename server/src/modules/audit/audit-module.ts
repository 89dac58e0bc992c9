import type { Database } from '../../db/database.js';
import type { ModuleParts } from '../module-parts.js';
import { adminRoutes } from './admin-routes.js';

/** Who changed what: the audit log and the incident timelines' hash chain, read by administrators. */
export function createAuditModule(deps: { db: Database }): ModuleParts {
  return { name: 'audit', routes: [adminRoutes(deps)] };
}
