import { badRequest } from '../../../modules/domain-errors.js';
import type { DecodedFix } from './osmand-decoder.js';
import type { UnknownCredentialGuard } from './unknown-credential-guard.js';
import type { AlertIntake } from '../../../modules/alerts/alert-intake.js';
import type { PositionIngest } from '../../../modules/positions/position-ingest.js';
import type { Metrics } from '../../../observability/metrics.js';
import type { LivePicture } from '../../../modules/live-picture.js';

export interface TrackerFixDeps {
  intake: AlertIntake;
  positions: PositionIngest;
  metrics: Metrics;
  picture: LivePicture;
}

export interface FixRequest {
  ip: string;
  log: { warn: (o: object, m: string) => void };
}

/**
 * One decoded fix from a phone (OsmAnd) or a Traccar server's forwarding, matched to its unit by
 * tracker id, through the one hygiene path (PositionIngest); an `sos` alarm raises an alert.
 * `route` labels the metrics; `idField` names the field an unknown id is blamed on.
 */
export async function takeTrackerFix(
  deps: TrackerFixDeps,
  fix: DecodedFix,
  request: FixRequest,
  unknownIds: UnknownCredentialGuard,
  route: 'osmand' | 'traccar',
  idField: string,
): Promise<string> {
  const unitId = deps.picture.unitByTracker.get(fix.trackerId);
  if (!unitId) {
    deps.metrics.ingestRejected.inc({ route, reason: 'unknown_tracker' });
    unknownIds.recordUnknown(request.ip, fix.trackerId, request.log);
    throw badRequest(idField, `unknown tracker id ${JSON.stringify(fix.trackerId)}`);
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
      idempotencyKey: `${route}:${fix.timeMs}`,
      actor: `tracker:${unit.callsign}`,
    });
    deps.metrics.alertsAccepted.inc({ source: 'tracker' });
  }
  // Traccar Client retries on anything but 200; a dropped duplicate is still "received".
  return result.accepted ? 'OK' : `OK (${result.reason})`;
}
