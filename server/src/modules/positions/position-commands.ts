import { PositionReportSchema } from '@lianfang/shared';
import { socketCommand } from '../socket-commands.js';
import type { PositionIngest } from './position-ingest.js';

export interface PositionCommandDeps {
  positions: PositionIngest;
}

/** A tablet shares the position of the unit its user belongs to, and no other. */
export const positionReportCommand = (deps: PositionCommandDeps) =>
  socketCommand({
    event: 'position:report',
    schema: PositionReportSchema,
    refuse: (session) => (session.unitId ? null : 'this login is not bound to a unit'),
    handle(r, session) {
      const result = deps.positions.accept({
        unitId: session.unitId!,
        lat: r.lat,
        lon: r.lon,
        deviceTimeMs: r.at ? Date.parse(r.at) : Date.now(),
        speedKmh: r.speedKmh ?? null,
        heading: r.heading ?? null,
        accuracyM: r.accuracyM ?? null,
        altitudeM: null,
        battery: r.battery ?? null,
      });
      return result.accepted ? { accepted: true, flags: result.flags } : { accepted: false, flags: [result.reason] };
    },
  });
