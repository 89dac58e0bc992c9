import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../compose.js';
import { syncFactsTimeZone } from './facts-time-zone.js';
import { drilldownRoutes } from './drilldown-routes.js';
import { incidentTableRoutes } from './incident-tables.js';
import { resourceTableRoutes } from './resource-tables.js';

/** Managers' analytics (issue 6): every figure computed in SQL from recorded times; see docs/analytics.md. */
export const analyticsRoutes =
  (core: Core): FastifyPluginAsyncTypebox =>
  async (app) => {
    if (await syncFactsTimeZone(core.db, core.config.TIME_ZONE))
      app.log.info({ timeZone: core.config.TIME_ZONE }, 'incident facts rebuilt for a new TIME_ZONE');
    await app.register(incidentTableRoutes(core));
    await app.register(resourceTableRoutes(core));
    await app.register(drilldownRoutes(core));
  };
