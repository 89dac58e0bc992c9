import type { useAlertsStore } from '../../features/alerts/alerts.store';
import type { useCoverageStore } from '../../features/coverage/coverage.store';
import type { useAdviceStore } from '../../features/dispatch/advice.store';
import type { useGeoStore } from '../../features/geo/geo.store';
import type { useEmergencyPlansStore } from '../../features/emergency-plans/emergency-plans.store';
import type { useIncidentsStore } from '../../features/incidents/incidents.store';
import type { usePatrolPlansStore } from '../../features/patrol-plans/patrol-plans.store';
import type { useUnitsStore } from '../../features/units/units.store';
import type { PositionCoalescer } from '../position-coalescer';
import type { useSocketStore } from '../socket.store';

/** What an event handler may touch: store actions and the position coalescer, nothing socket-related. */
export interface HandlerContext {
  units: ReturnType<typeof useUnitsStore>;
  incidents: ReturnType<typeof useIncidentsStore>;
  geo: ReturnType<typeof useGeoStore>;
  alerts: ReturnType<typeof useAlertsStore>;
  plans: ReturnType<typeof usePatrolPlansStore>;
  emergencyPlans: ReturnType<typeof useEmergencyPlansStore>;
  advice: ReturnType<typeof useAdviceStore>;
  coverage: ReturnType<typeof useCoverageStore>;
  connection: ReturnType<typeof useSocketStore>;
  positions: PositionCoalescer;
}
