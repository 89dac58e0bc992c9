import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';

/** Every analytics route reads the database, in the district's time zone. */
export interface AnalyticsDeps {
  db: Database;
  config: Pick<Config, 'TIME_ZONE'>;
}
