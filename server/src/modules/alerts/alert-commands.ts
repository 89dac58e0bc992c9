import { AlertRaiseSchema } from '@lianfang/shared';
import type { Core } from '../../compose.js';
import { socketCommand } from '../socket-commands.js';

/** The captain's SOS button and the street report: acknowledged only once committed. */
export const alertRaiseCommand = (core: Core) =>
  socketCommand({
    event: 'alert:raise',
    schema: AlertRaiseSchema,
    refuse: (session) => (session.role === 'manager' ? 'managers do not raise alerts' : null),
    async handle(input, session) {
      const unit = session.unitId ? core.picture.units.get(session.unitId) : undefined;
      const { alert, incident, joined } = await core.alerts.raise({
        ...input,
        source: session.role === 'captain' ? 'tablet' : 'operator',
        deviceId: null,
        unitId: unit?.id ?? null,
        fixedPoint: null,
        label: unit?.callsign ?? session.username,
        actor: `user:${session.username}`,
      });
      core.metrics.alertsAccepted.inc({ source: 'tablet' });
      return { alertId: alert.id, incidentId: incident.id, joined, pressCount: incident.alertCount };
    },
  });
