import { PositionReportSchema } from '@lianfang/shared';
import type { Core } from '../../compose.js';
import { onCommand } from '../../transport/socket/socket-command.js';
import type { LianfangSocket } from '../../transport/socket/socket-types.js';
import { compileCheck } from '../../transport/socket/validate.js';

const checkReport = compileCheck(PositionReportSchema);

/** A tablet shares the position of the unit its user belongs to, and no other. */
export function registerPositionHandlers(core: Core, socket: LianfangSocket): void {
  onCommand(socket, 'position:report', (req, ack) => {
    const unitId = socket.data.session.unitId;
    if (!unitId) return ack({ error: 'forbidden: this login is not bound to a unit' });
    const checked = checkReport(req);
    if (!checked.ok) return ack(checked.error);
    const r = checked.value;
    const result = core.positions.accept({
      unitId, lat: r.lat, lon: r.lon, deviceTimeMs: r.at ? Date.parse(r.at) : Date.now(), speedKmh: r.speedKmh ?? null,
      heading: r.heading ?? null, accuracyM: r.accuracyM ?? null, altitudeM: null, battery: r.battery ?? null,
    });
    ack({ data: result.accepted ? { accepted: true, flags: result.flags } : { accepted: false, flags: [result.reason] } });
  });
}
