import type { FastifyPluginAsync } from 'fastify';
import { badRequest, RateLimited } from '../../../modules/domain-errors.js';
import { decodeOsmand } from './osmand-decoder.js';
import { PerSecondLimit } from './per-second-limit.js';
import { UnknownCredentialGuard } from './unknown-credential-guard.js';
import { takeTrackerFix } from './tracker-fix-intake.js';
import type { AlertIntake } from '../../../modules/alerts/alert-intake.js';
import type { PositionIngest } from '../../../modules/positions/position-ingest.js';
import type { Metrics } from '../../../observability/metrics.js';
import type { LivePicture } from '../../../modules/live-picture.js';
import type { Config } from '../../../config.js';

export interface OsmandDeps {
  intake: AlertIntake;
  positions: PositionIngest;
  metrics: Metrics;
  picture: LivePicture;
  config: Pick<Config, 'INGEST_RATE_PER_SECOND' | 'INGEST_UNKNOWN_PER_ADDRESS_PER_SECOND'>;
}

const OK = { type: 'string' } as const;

export const osmandRoutes =
  (deps: OsmandDeps): FastifyPluginAsync =>
  async (app) => {
    const limit = new PerSecondLimit(deps.config.INGEST_RATE_PER_SECOND);
    const unknownIds = new UnknownCredentialGuard({ what: 'tracker id', perAddressPerSecond: deps.config.INGEST_UNKNOWN_PER_ADDRESS_PER_SECOND });
    const handler = async (request: { query: unknown; body: unknown; ip: string; log: { warn: (o: object, m: string) => void } }) => {
      // An address guessing tracker ids is refused before anything else.
      unknownIds.checkAddress(request.ip);
      // Counted before decoding: a flood of malformed requests is limited too.
      const retryMs = limit.take(trackerKey(request));
      if (retryMs > 0) {
        deps.metrics.ingestRejected.inc({ route: 'osmand', reason: 'rate_limited' });
        throw new RateLimited(`rate limit: at most ${limit.perSecond} fixes a second per tracker id`, retryMs);
      }
      const decoded = decodeOsmand((request.query ?? {}) as Record<string, unknown>, request.body);
      if (!decoded.ok) {
        deps.metrics.ingestRejected.inc({ route: 'osmand', reason: 'invalid' });
        throw badRequest(decoded.field, decoded.message);
      }
      return takeTrackerFix(deps, decoded.fix, request, unknownIds, 'osmand', 'id');
    };
    // Thousands of fixes a second: a log line per request would drown everything else (and cost CPU).
    // Refusals still log at warn; accepted fixes are counted in /metrics instead.
    app.get(
      '/ingest/osmand',
      { logLevel: 'warn', schema: { tags: ['ingest'], summary: 'OsmAnd protocol (Traccar Client), query fields', response: { 200: OK } } },
      handler,
    );
    app.post(
      '/ingest/osmand',
      { logLevel: 'warn', schema: { tags: ['ingest'], summary: 'OsmAnd protocol: form fields or Traccar Client JSON body', response: { 200: OK } } },
      handler,
    );
  };

function trackerKey(r: { query: unknown; body: unknown; ip: string }): string {
  const q = (r.query ?? {}) as Record<string, unknown>;
  const b = (r.body && typeof r.body === 'object' ? r.body : {}) as Record<string, unknown>;
  return String(q.id ?? q.deviceid ?? b.id ?? b.device_id ?? r.ip).slice(0, 64);
}
