import type { ModuleParts } from '../module-parts.js';
import { jurisdictionRoutes, type JurisdictionRouteDeps } from './jurisdiction-routes.js';

/** The whole jurisdiction as one file set: backup, and moving a district to a new server. */
export function createJurisdictionModule(deps: JurisdictionRouteDeps): ModuleParts {
  return { name: 'jurisdiction', routes: [jurisdictionRoutes(deps)] };
}
