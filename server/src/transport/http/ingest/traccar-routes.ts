import type { FastifyPluginAsync } from 'fastify';
import { badRequest, RateLimited } from '../../../modules/domain-errors.js';
import { PerSecondLimit } from './per-second-limit.js';
import { decodeTraccarForward } from './traccar-decoder.js';
import { takeTrackerFix, type TrackerFixDeps } from './tracker-fix-intake.js';
import { UnknownCredentialGuard } from './unknown-credential-guard.js';
import type { Config } from '../../../config.js';

export interface TraccarDeps extends TrackerFixDeps {
  config: Pick<Config, 'INGEST_RATE_PER_SECOND' | 'INGEST_UNKNOWN_PER_ADDRESS_PER_SECOND'>;
}

/**
 * Vehicles with a terminal (JT/T 808, GT06, Teltonika and the rest of Traccar's protocols): a
 * Traccar server decodes them and forwards each position here (docs/trackers.md). The unit is
 * the one whose tracker id equals the terminal's `uniqueId`; the fix takes the same path as a
 * phone's (hygiene, coalescing, history), and an `sos` alarm raises an alert.
 */
export const traccarRoutes =
  (deps: TraccarDeps): FastifyPluginAsync =>
  async (app) => {
    const limit = new PerSecondLimit(deps.config.INGEST_RATE_PER_SECOND);
    const unknownIds = new UnknownCredentialGuard({ what: 'tracker id', perAddressPerSecond: deps.config.INGEST_UNKNOWN_PER_ADDRESS_PER_SECOND });
    app.post(
      '/ingest/traccar',
      {
        logLevel: 'warn',
        schema: { tags: ['ingest'], summary: "A Traccar server's JSON position forwarding (forward.type=json)", response: { 200: { type: 'string' } } },
      },
      async (request) => {
        unknownIds.checkAddress(request.ip);
        const body = request.body as { device?: { uniqueId?: unknown } } | undefined;
        const retryMs = limit.take(String(body?.device?.uniqueId ?? request.ip).slice(0, 64));
        if (retryMs > 0) {
          deps.metrics.ingestRejected.inc({ route: 'traccar', reason: 'rate_limited' });
          throw new RateLimited(`rate limit: at most ${limit.perSecond} fixes a second per tracker id`, retryMs);
        }
        const decoded = decodeTraccarForward(request.body);
        if (!decoded.ok) {
          deps.metrics.ingestRejected.inc({ route: 'traccar', reason: 'invalid' });
          throw badRequest(decoded.field, decoded.message);
        }
        // A terminal without a GPS fix still reports (Traccar marks it invalid): nothing to place, and a
        // 200 so Traccar's retry queue does not fill with it.
        if (!decoded.valid && !decoded.fix.alarm) return 'OK (no valid fix)';
        return takeTrackerFix(deps, decoded.fix, request, unknownIds, 'traccar', 'device.uniqueId');
      },
    );
  };
