import { AlertRaiseSchema } from '@lianfang/shared';
import type { Core } from '../../compose.js';
import { DomainError } from '../domain-errors.js';
import { onCommand } from '../../transport/socket/socket-command.js';
import type { LianfangSocket } from '../../transport/socket/socket-types.js';
import { compileCheck } from '../../transport/socket/validate.js';

const checkRaise = compileCheck(AlertRaiseSchema);

/** The captain's SOS button and the street report: acknowledged only once committed. */
export function registerAlertHandlers(core: Core, socket: LianfangSocket): void {
  onCommand(socket, 'alert:raise', (req, ack) => {
    const session = socket.data.session;
    if (session.role === 'manager') return ack({ error: 'forbidden: managers do not raise alerts' });
    const checked = checkRaise(req);
    if (!checked.ok) return ack(checked.error);
    const unit = session.unitId ? core.picture.units.get(session.unitId) : undefined;
    core.alerts
      .raise({
        ...checked.value, source: session.role === 'captain' ? 'tablet' : 'operator', deviceId: null, unitId: unit?.id ?? null,
        fixedPoint: null, label: unit?.callsign ?? session.username, actor: `user:${session.username}`,
      })
      .then(({ alert, incident, joined }) => {
        core.metrics.alertsAccepted.inc({ source: 'tablet' });
        ack({ data: { alertId: alert.id, incidentId: incident.id, joined, pressCount: incident.alertCount } });
      })
      .catch((err: unknown) => {
        if (err instanceof DomainError && err.kind !== 'unavailable') ack({ error: err.message, ...(err.field ? { details: [{ field: err.field, message: err.message }] } : {}) });
        else ack({ error: 'not accepted: server error, try again' });
      });
  });
}
