import type { FastifyPluginAsync } from 'fastify';
import type { Core } from '../core.js';
import { unauthorized } from '../http-error.js';

export const healthRoutes = (core: Core): FastifyPluginAsync => async (app) => {
  app.get('/healthz', { schema: { tags: ['ops'], summary: 'The process is alive' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { tags: ['ops'], summary: 'Database and event log reachable; 503 with the failing part otherwise' } }, async (_req, reply) => {
    const database = await core.db.query('SELECT 1').then(() => true, () => false);
    const log = await core.log.healthy();
    const body = { status: database && log ? 'ready' : 'degraded', database, eventLog: log, logKind: core.log.kind, seq: core.sequencer.applied };
    return reply.status(database && log ? 200 : 503).send(body);
  });

  app.get('/metrics', { schema: { tags: ['ops'], summary: 'Prometheus metrics', hide: false } }, async (request, reply) => {
    const token = core.config.METRICS_TOKEN;
    if (token && request.headers.authorization !== `Bearer ${token}`) throw unauthorized('metrics token required');
    reply.type(core.metrics.registry.contentType);
    return core.metrics.registry.metrics();
  });
};
