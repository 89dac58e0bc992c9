import { AlertRaiseSchema } from '@lianfang/shared';
import { socketCommand } from '../socket-commands.js';
import type { LivePicture } from '../live-picture.js';
import type { AlertService } from './alert-service.js';
import type { Metrics } from '../../observability/metrics.js';

export interface AlertCommandDeps {
  alerts: AlertService;
  metrics: Metrics;
  picture: LivePicture;
}

/** The captain's SOS button and the street report: acknowledged only once committed. */
export const alertRaiseCommand = (deps: AlertCommandDeps) =>
  socketCommand({
    event: 'alert:raise',
    schema: AlertRaiseSchema,
    refuse: (session) => (session.role === 'manager' ? 'managers do not raise alerts' : null),
    async handle(input, session) {
      const unit = session.unitId ? deps.picture.units.get(session.unitId) : undefined;
      const { alert, incident, joined } = await deps.alerts.raise({
        ...input,
        source: session.role === 'captain' ? 'tablet' : 'operator',
        deviceId: null,
        unitId: unit?.id ?? null,
        fixedPoint: null,
        label: unit?.callsign ?? session.username,
        actor: `user:${session.username}`,
      });
      deps.metrics.alertsAccepted.inc({ source: 'tablet' });
      return { alertId: alert.id, incidentId: incident.id, joined, pressCount: incident.alertCount };
    },
  });
