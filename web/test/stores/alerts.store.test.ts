import { beforeEach, describe, expect, it } from 'vitest';
import { useAlertsStore } from '../../src/features/alerts/alerts.store';
import { alert, incident } from '../support/fixtures';
import { freshPinia } from '../support/test-app';

describe('alerts store', () => {
  beforeEach(() => freshPinia());

  it('announces one banner per incident and counts presses instead of flooding', () => {
    const alerts = useAlertsStore();
    alerts.record(alert({ id: 'a1' }), incident({ id: 'i1', alertCount: 1 }));
    alerts.record(alert({ id: 'a2' }), incident({ id: 'i2', alertCount: 1 }));
    alerts.record(alert({ id: 'a3', receivedAt: '2025-01-01T08:01:00Z' }), incident({ id: 'i1', alertCount: 2 }));
    expect(alerts.active.map((a) => [a.incidentId, a.pressCount])).toEqual([
      ['i1', 2],
      ['i2', 1],
    ]);
    expect(alerts.lastArrival).toMatchObject({ incidentId: 'i1', isNewIncident: false });
  });

  it('brings a dismissed banner back when the button is pressed again', () => {
    const alerts = useAlertsStore();
    alerts.record(alert(), incident({ alertCount: 1 }));
    alerts.dismiss('i1');
    expect(alerts.active).toHaveLength(0);
    alerts.record(alert({ id: 'a2' }), incident({ alertCount: 2 }));
    expect(alerts.active[0]?.pressCount).toBe(2);
  });

  it('a backup request turns the banner of its incident into backup, naming who asks', () => {
    const alerts = useAlertsStore();
    alerts.record(alert({ id: 'a1', kind: 'sos', unitId: 'u-first' }), incident({ id: 'i1', alertCount: 1, unitId: 'u-first' }));
    alerts.dismiss('i1');
    alerts.record(alert({ id: 'a2', kind: 'backup', unitId: 'u-asks' }), incident({ id: 'i1', alertCount: 2, unitId: 'u-first' }));
    expect(alerts.active.map((a) => [a.incidentId, a.kind, a.unitId])).toEqual([['i1', 'backup', 'u-asks']]);
    // On an incident with no banner yet (opened by an operator), the requester is named too.
    alerts.record(alert({ id: 'a3', kind: 'backup', unitId: 'u-other' }), incident({ id: 'i2', alertCount: 1, unitId: null }));
    expect(alerts.active[0]).toMatchObject({ incidentId: 'i2', kind: 'backup', unitId: 'u-other' });
  });

  it('places the banner at the incident, not at a later press', () => {
    const alerts = useAlertsStore();
    alerts.record(alert({ lat: 1, lon: 1 }), incident({ lat: 30, lon: 120 }));
    expect(alerts.lastArrival).toMatchObject({ lat: 30, lon: 120 });
  });
});
