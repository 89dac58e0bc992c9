import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { SessionStore } from './session-store.js';

/** Logins, accounts and sessions: the users table, the session store and the login limits. */
export interface AccountDeps {
  db: Database;
  sessions: SessionStore;
  config: Pick<Config, 'ADMIN_PASSWORD' | 'LOGIN_RATE_PER_MINUTE' | 'LOGIN_RATE_PER_ADDRESS_PER_MINUTE' | 'SESSION_HOURS'>;
}
