import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { unauthorized } from '../../modules/domain-errors.js';
import type { Database } from '../../db/database.js';
import type { EventLog } from '../../pipeline/event-log.js';
import type { Metrics } from '../../observability/metrics.js';
import type { Sequencer } from '../../pipeline/sequencer.js';
import type { Config } from '../../config.js';

export interface HealthDeps {
  db: Database;
  log: EventLog;
  metrics: Metrics;
  sequencer: Sequencer;
  config: Pick<Config, 'METRICS_TOKEN'>;
}

/** A readiness probe must answer even when a dependency hangs (a paused database, a blackholed Redis). */
const PROBE_TIMEOUT_MS = 2000;

function within<T>(probe: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), PROBE_TIMEOUT_MS);
  });
  return Promise.race([probe.catch(() => fallback), late]).finally(() => clearTimeout(timer));
}

export const healthRoutes =
  (deps: HealthDeps): FastifyPluginAsync =>
  async (app) => {
    app.get('/healthz', { schema: { tags: ['ops'], summary: 'The process is alive' } }, async () => ({ status: 'ok' }));

    app.get('/readyz', { schema: { tags: ['ops'], summary: 'Database and event log reachable; 503 with the failing part otherwise' } }, async (_req, reply) => {
      const [database, log] = await Promise.all([
        within(
          deps.db.query('SELECT 1').then(() => true),
          false,
        ),
        within(deps.log.healthy(), false),
      ]);
      const body = {
        status: database && log ? 'ready' : 'degraded',
        database,
        eventLog: log,
        logKind: deps.log.kind,
        logIdentity: deps.log.identity,
        seq: deps.sequencer.applied,
      };
      return reply.status(database && log ? 200 : 503).send(body);
    });

    app.get('/metrics', { schema: { tags: ['ops'], summary: 'Prometheus metrics', hide: false } }, async (request, reply) => {
      const token = deps.config.METRICS_TOKEN;
      if (token && !sameSecret(request.headers.authorization ?? '', `Bearer ${token}`)) throw unauthorized('metrics token required');
      reply.type(deps.metrics.registry.contentType);
      return deps.metrics.registry.metrics();
    });
  };

/** Compared in constant time (over hashes, so lengths do not leak either): the token must not be guessable by timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
