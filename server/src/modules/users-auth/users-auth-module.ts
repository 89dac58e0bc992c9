import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { CommandBus } from '../../pipeline/command-bus.js';
import type { ModuleParts } from '../module-parts.js';
import { authRoutes } from './auth-routes.js';
import { SessionStore } from './session-store.js';
import { SessionTokens } from './session-tokens.js';
import { userImportRoutes } from './user-import-routes.js';
import { userRoutes } from './user-routes.js';
import { loadOrCreateSecret } from './user-repository.js';

export interface UsersAuthModule extends ModuleParts {
  /** Logins: opened at login, checked on every request and socket, ended by logout or an administrator. */
  sessions: SessionStore;
}

/** Logins, sessions and user accounts. Async: the session secret is kept in the database. */
export async function createUsersAuthModule(deps: {
  db: Database;
  bus: CommandBus;
  config: Pick<Config, 'ADMIN_PASSWORD' | 'LOGIN_RATE_PER_MINUTE' | 'LOGIN_RATE_PER_ADDRESS_PER_MINUTE' | 'SESSION_HOURS'>;
}): Promise<UsersAuthModule> {
  const sessions = new SessionStore(deps.db, new SessionTokens(await loadOrCreateSecret(deps.db, 'session_secret')), deps.config.SESSION_HOURS);
  const account = { db: deps.db, sessions, config: deps.config };
  return { name: 'users-auth', sessions, routes: [authRoutes(account), userRoutes(account), userImportRoutes({ bus: deps.bus, sessions })] };
}
