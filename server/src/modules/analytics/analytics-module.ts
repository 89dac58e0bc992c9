import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { OpsLog } from '../../pipeline/binding-report.js';
import type { ModuleParts } from '../module-parts.js';
import { analyticsRoutes } from './analytics-routes.js';
import { statsRoutes } from './loop-stats-routes.js';
import { settledFiguresOf } from './settled-figures.js';
import { SettledPrewarm } from './settled-prewarm.js';

/** The manager's figures: loop counts, the analytics tables and drill-downs, and the pre-warm of settled periods. */
export function createAnalyticsModule(deps: {
  db: Database;
  ops: OpsLog;
  config: Pick<Config, 'TIME_ZONE' | 'ANALYTICS_CACHE_MB' | 'ANALYTICS_PREWARM_SECONDS'>;
}): ModuleParts {
  const { db, ops, config } = deps;
  // The kept settled periods of the analytics, with the configured budget (settled-figures.ts).
  settledFiguresOf(db, config.ANALYTICS_CACHE_MB * 1024 * 1024);
  const prewarm = new SettledPrewarm(
    db,
    config.TIME_ZONE,
    (err) => ops.warn({ err }, 'analytics pre-warm failed'),
    (report) => ops.info(report, 'analytics pre-warm done: the dashboard tables of the last 13 months are kept'),
  );
  return {
    name: 'analytics',
    routes: [statsRoutes({ db, config }), analyticsRoutes({ db, config })],
    workers: [{ start: () => prewarm.start(config.ANALYTICS_PREWARM_SECONDS * 1000), stop: () => prewarm.stop() }],
  };
}
