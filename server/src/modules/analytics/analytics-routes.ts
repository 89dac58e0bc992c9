import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { syncFactsTimeZone } from './facts-time-zone.js';
import { drilldownRoutes } from './drilldown-routes.js';
import { incidentTableRoutes } from './incident-tables.js';
import { resourceTableRoutes } from './resource-tables.js';
import type { AnalyticsDeps } from './analytics-deps.js';

/** Managers' analytics (issue 6): every figure computed in SQL from recorded times; see docs/analytics.md. */
export const analyticsRoutes =
  (deps: AnalyticsDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    if (await syncFactsTimeZone(deps.db, deps.config.TIME_ZONE))
      app.log.info({ timeZone: deps.config.TIME_ZONE }, 'incident facts rebuilt for a new TIME_ZONE');
    await app.register(incidentTableRoutes(deps));
    await app.register(resourceTableRoutes(deps));
    await app.register(drilldownRoutes(deps));
  };
