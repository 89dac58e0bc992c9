import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { ModuleParts } from '../module-parts.js';
import { teamRoutes } from './team-routes.js';

/** Teams (a patrol squad, a security company's shift): created, renamed and retired from the console. */
export function createTeamsModule(deps: { db: Database; bus: CommandBus }): ModuleParts {
  return { name: 'teams', routes: [teamRoutes(deps)] };
}
