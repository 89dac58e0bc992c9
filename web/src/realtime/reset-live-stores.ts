import { useAlertsStore } from '../features/alerts/alerts.store';
import { useCoverageStore } from '../features/coverage/coverage.store';
import { useAdviceStore } from '../features/dispatch/advice.store';
import { useGeoStore } from '../features/geo/geo.store';
import { useIncidentsStore } from '../features/incidents/incidents.store';
import { usePatrolPlansStore } from '../features/patrol-plans/patrol-plans.store';
import { useUnitsStore } from '../features/units/units.store';

/** On logout the next user must not see the previous picture for a moment. */
export function resetLiveStores(): void {
  useUnitsStore().replaceAll([]);
  useIncidentsStore().replaceAll([]);
  useGeoStore().replaceAll({ grids: [], stations: [], teams: [] });
  useAlertsStore().reset();
  usePatrolPlansStore().replaceAll([]);
  useAdviceStore().replaceAll([]);
  useCoverageStore().replace(null);
}
