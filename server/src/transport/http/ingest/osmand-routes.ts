import type { FastifyPluginAsync } from 'fastify';
import { badRequest, RateLimited } from '../../../modules/domain-errors.js';
import { decodeOsmand } from './osmand-decoder.js';
import { PerSecondLimit } from './per-second-limit.js';
import { UnknownCredentialGuard } from './unknown-credential-guard.js';
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
      const fix = decoded.fix;
      const unitId = deps.picture.unitByTracker.get(fix.trackerId);
      if (!unitId) {
        deps.metrics.ingestRejected.inc({ route: 'osmand', reason: 'unknown_tracker' });
        unknownIds.recordUnknown(request.ip, fix.trackerId, request.log);
        throw badRequest('id', `unknown tracker id ${JSON.stringify(fix.trackerId)}`);
      }
      const result = deps.positions.accept({
        unitId,
        lat: fix.lat,
        lon: fix.lon,
        deviceTimeMs: fix.timeMs,
        speedKmh: fix.speedKmh,
        heading: fix.heading,
        accuracyM: fix.accuracyM,
        altitudeM: fix.altitudeM,
        battery: fix.battery,
      });
      if (fix.alarm === 'sos' || fix.alarm === 'panic') {
        // The alarm is committed (or journalled, while PostgreSQL is away) before the tracker gets its 200:
        // a retried request joins, never duplicates.
        const unit = deps.picture.units.get(unitId)!;
        await deps.intake.press({
          kind: 'sos',
          source: 'tracker',
          deviceId: null,
          unitId,
          fixedPoint: null,
          label: unit.callsign,
          lat: fix.lat,
          lon: fix.lon,
          at: new Date(fix.timeMs).toISOString(),
          idempotencyKey: `osmand:${fix.timeMs}`,
          actor: `tracker:${unit.callsign}`,
        });
        deps.metrics.alertsAccepted.inc({ source: 'tracker' });
      }
      // Traccar Client retries on anything but 200; a dropped duplicate is still "received".
      return result.accepted ? 'OK' : `OK (${result.reason})`;
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
